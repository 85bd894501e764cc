import { describe, expect, it } from 'vitest';
import { ALL_LEGACY, BUCKETS, bucketOf, readsFromNew, thresholdOf } from '../../../src/migration/phase-2/router.ts';

/**
 * Golden buckets, computed outside this code base (Python: int.from_bytes(sha256(id.lower()).digest()[:4],
 * 'big') % 10000). A user's bucket is a promise kept across deploys: if one of these changes, every
 * user may change schema mid-rollout. Never update them to make the test pass.
 */
const GOLDEN: ReadonlyArray<readonly [string, number]> = [
  ['00000000-0000-4000-8000-000000000000', 896],
  ['6f1c2e4a-3b5d-4c7e-9f80-1a2b3c4d5e6f', 383],
  ['a3bb189e-8bf9-3888-9912-ace4e6543002', 8653],
  ['ffffffff-ffff-4fff-bfff-ffffffffffff', 3329],
  ['0190a6f1-7b2c-7c3d-8e4f-123456789abc', 1432],
];

describe('router', () => {
  it.each(GOLDEN)('bucket of %s is %i, whatever the letter case and surrounding space', (id, bucket) => {
    expect(bucketOf(id)).toBe(bucket);
    expect(bucketOf(` ${id.toUpperCase()}\n`)).toBe(bucket);
  });

  it('is on exactly from the bucket threshold: bucket b is off at b/100 % and on at (b+1)/100 %', () => {
    const [id, b] = GOLDEN[1]!;
    expect(readsFromNew(id, { useNewSchema: true, newSchemaPercentage: b / 100 })).toBe(false);
    expect(readsFromNew(id, { useNewSchema: true, newSchemaPercentage: (b + 1) / 100 })).toBe(true);
  });

  it('0 % is nobody, 100 % everybody, flag off nobody', () => {
    for (const [id] of GOLDEN) {
      expect(readsFromNew(id, { useNewSchema: true, newSchemaPercentage: 0 })).toBe(false);
      expect(readsFromNew(id, { useNewSchema: true, newSchemaPercentage: 100 })).toBe(true);
      expect(readsFromNew(id, { ...ALL_LEGACY, newSchemaPercentage: 100 })).toBe(false);
    }
  });

  it('thresholds: step 0.01 %, out-of-range percentages are refused with what was received', () => {
    expect(thresholdOf(5)).toBe(500);
    expect(thresholdOf(0.01)).toBe(1);
    expect(thresholdOf(100)).toBe(BUCKETS);
    for (const bad of [-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => thresholdOf(bad)).toThrow(new RangeError(`newSchemaPercentage must be a number from 0 to 100, got ${bad}`));
    }
  });

  it('ALL_LEGACY cannot be changed by a caller', () => {
    expect(Object.isFrozen(ALL_LEGACY)).toBe(true);
  });
});
