import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberSet } from '../../src/generate/number-set.ts';

describe('NumberSet', () => {
  it('holds exactly the integers added, as a Set does, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { maxLength: 3000 }), fc.array(fc.maxSafeNat(), { maxLength: 200 }), (added, probes) => {
        const set = new NumberSet();
        added.forEach((n) => set.add(n));
        const reference = new Set(added);
        expect(set.size).toBe(reference.size);
        for (const n of [...added, ...probes]) expect(set.has(n)).toBe(reference.has(n));
      }),
      { numRuns: 50 },
    );
  });

  it('rejects what it cannot hold', () => {
    const set = new NumberSet();
    expect(() => set.add(-1)).toThrow(/non-negative safe integers, got -1/);
    expect(() => set.add(0.5)).toThrow(RangeError);
    expect(() => set.add(2 ** 53)).toThrow(RangeError);
  });
});
