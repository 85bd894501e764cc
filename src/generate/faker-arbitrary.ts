/**
 * fast-check arbitraries for leaf strings made by faker (Korean first, then English, then base data).
 *
 * faker draws from fast-check's own random stream (`mrng.nextDouble()`), so a seed reproduces the text.
 * faker cannot shrink: a faker string shrinks in one step to a fixed simple value of the same kind.
 * Keep structure (how many rows, habits, …) in fast-check and use these only for leaves.
 */
import fc from 'fast-check';
import { Faker, base, en, ko } from '@faker-js/faker';
import { GOOD_PHRASES, IMPROVE_PHRASES, REWARDS, THEMES } from './vocabulary.ts';

let source: fc.Random | undefined;

/** One faker for the process; its randomizer reads the generator currently running (generation is synchronous). */
const faker = new Faker({
  locale: [ko, en, base],
  randomizer: {
    next: () => {
      if (!source) throw new Error('faker used outside a fakerArbitrary generate()');
      return source.nextDouble();
    },
    seed: () => {},
  },
});

class FakerArbitrary<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly build: (f: Faker) => T,
    private readonly simplest: T,
  ) {
    super();
  }

  override generate(mrng: fc.Random): fc.Value<T> {
    source = mrng;
    try {
      return new fc.Value(this.build(faker), undefined);
    } finally {
      source = undefined;
    }
  }

  override canShrinkWithoutContext(value: unknown): value is T {
    return Object.is(value, this.simplest);
  }

  override shrink(value: T): fc.Stream<fc.Value<T>> {
    return Object.is(value, this.simplest) ? fc.Stream.nil() : fc.Stream.of(new fc.Value(this.simplest, undefined));
  }
}

/** A leaf value built by faker from fast-check's random stream; shrinks to `simplest`. */
export function fakerArbitrary<T>(build: (f: Faker) => T, simplest: T): fc.Arbitrary<T> {
  return new FakerArbitrary(build, simplest);
}

/** A Korean child's name: mostly a given name (서연, 민준), sometimes a full name, rarely "성 이름" with a space. */
export function koreanChildNameArbitrary(): fc.Arbitrary<string> {
  return fakerArbitrary(
    (f) =>
      f.helpers.weightedArrayElement([
        { weight: 7, value: () => f.person.firstName() },
        { weight: 2, value: () => `${f.person.lastName()}${f.person.firstName()}` },
        { weight: 1, value: () => `${f.person.lastName()} ${f.person.firstName()}` },
      ])(),
    '민준',
  );
}

export function themeArbitrary(): fc.Arbitrary<string> {
  return fakerArbitrary(
    (f) =>
      f.helpers.weightedArrayElement([
        { weight: 3, value: () => f.helpers.arrayElement(THEMES) },
        { weight: 1, value: () => `${f.animal.bird()} 관찰 주간` },
        { weight: 1, value: () => `${f.color.human()} 주간` },
      ])(),
    '공룡',
  );
}

export function rewardArbitrary(): fc.Arbitrary<string> {
  return fakerArbitrary(
    (f) =>
      f.helpers.weightedArrayElement([
        { weight: 4, value: () => f.helpers.arrayElement(REWARDS) },
        { weight: 1, value: () => `${f.animal.rabbit()} 인형` },
      ])(),
    '스티커',
  );
}

/** A reflection as the app writes it: `{ good, improve }`, only `good`, or `{}`. */
export function reflectionArbitrary(): fc.Arbitrary<Record<string, string>> {
  return fakerArbitrary((f): Record<string, string> => {
    const good: string = f.helpers.arrayElement(GOOD_PHRASES);
    const improve: string = f.helpers.arrayElement(IMPROVE_PHRASES);
    const choices: { weight: number; value: Record<string, string> }[] = [
      { weight: 6, value: { good, improve } },
      { weight: 2, value: { good } },
      { weight: 1, value: {} },
    ];
    return f.helpers.weightedArrayElement(choices);
  }, {});
}
