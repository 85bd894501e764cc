/**
 * Arbitraries that draw exactly as their inner one (the same calls on the same random stream) but
 * keep nothing fast-check would need to shrink: for a stream that draws a million-row dataset once
 * and never shrinks it. fast-check holds each array item's value and shrink context until the array
 * is complete; these make that a bare value, or nothing.
 */
import fc from 'fast-check';

/** One value for every tapped draw: fast-check's array then holds a reference per row, nothing more. */
const NOTHING = new fc.Value(null, undefined);

/** An arbitrary that hands each generated value to `onValue` and yields nothing (so fast-check keeps nothing of it). */
export function tap<T>(inner: fc.Arbitrary<T>, onValue: (value: T) => void): fc.Arbitrary<null> {
  return new DrawOnly(inner, (value) => {
    onValue(value);
    return NOTHING;
  });
}

/** The inner arbitrary's values without their shrink contexts (a family's uuid, tuple and map contexts: ~1 KB each). */
export function valuesOnly<T>(inner: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return new DrawOnly(inner, (value) => new fc.Value(value, undefined));
}

class DrawOnly<T, U> extends fc.Arbitrary<U> {
  constructor(
    private readonly inner: fc.Arbitrary<T>,
    private readonly keep: (value: T) => fc.Value<U>,
  ) {
    super();
  }

  override generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<U> {
    return this.keep(this.inner.generate(mrng, biasFactor).value);
  }

  override canShrinkWithoutContext(value: unknown): value is U {
    return false;
  }

  override shrink(): fc.Stream<fc.Value<U>> {
    return fc.Stream.nil();
  }
}
