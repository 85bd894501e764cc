import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakerArbitrary, koreanChildNameArbitrary, reflectionArbitrary, rewardArbitrary, themeArbitrary } from '../../src/generate/faker-arbitrary.ts';

describe('faker arbitraries', () => {
  it('draw from fast-check\'s random stream: same seed, same strings', () => {
    const arb = fc.tuple(koreanChildNameArbitrary(), themeArbitrary(), rewardArbitrary(), reflectionArbitrary());
    expect(fc.sample(arb, { seed: 42, numRuns: 20 })).toEqual(fc.sample(arb, { seed: 42, numRuns: 20 }));
    expect(fc.sample(arb, { seed: 42, numRuns: 20 })).not.toEqual(fc.sample(arb, { seed: 43, numRuns: 20 }));
  });

  it('make Korean child names', () => {
    for (const name of fc.sample(koreanChildNameArbitrary(), { seed: 1, numRuns: 200 })) {
      expect(name).toMatch(/^[가-힣]+( [가-힣]+)?$/);
      expect([...name].length).toBeLessThanOrEqual(10);
    }
  });

  it('shrink in one step to the simple value', () => {
    const out = fc.check(fc.property(koreanChildNameArbitrary(), (name) => name.length < 1), { seed: 3 });
    expect(out.counterexample).toEqual(['민준']);
    const arb = fakerArbitrary((f) => f.person.firstName(), 'x');
    const out2 = fc.check(fc.property(arb, () => false), { seed: 3 });
    expect(out2.counterexample).toEqual(['x']);
  });

  it('cannot be used outside generation', async () => {
    // the faker instance reads the running generator; a leak would make values depend on call order
    const arb = fakerArbitrary((f) => f.number.int({ max: 1000 }), 0);
    const a = fc.sample(arb, { seed: 5, numRuns: 5 });
    fc.sample(koreanChildNameArbitrary(), { seed: 6, numRuns: 5 });
    expect(fc.sample(arb, { seed: 5, numRuns: 5 })).toEqual(a);
  });
});
