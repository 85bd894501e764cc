import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekKey } from '../../src/generate/anomaly/inspect.ts';
import { MovedWeeks } from '../../src/generate/moved-weeks.ts';

const OWNERS = ['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002', '00000000-0000-0000-0000-000000000000'];
const NAMES = ['서연', '민준', '서연 ', '민준\t', ''];
/** Owner 0's 서연 and 민준 and owner 1's 서연 are generated children; everything else is not. */
const childIndex = (owner: string | null, name: string) => {
  const i = [`${OWNERS[0]}/서연`, `${OWNERS[0]}/민준`, `${OWNERS[1]}/서연`].indexOf(`${owner}/${name}`);
  return i < 0 ? undefined : i;
};
const identity = fc.tuple(
  fc.option(fc.constantFrom(...OWNERS), { nil: null }),
  fc.constantFrom(...NAMES),
  fc.oneof(
    fc.integer({ min: -719_162, max: 2_932_896 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
    fc.constantFrom('2024-01-01', '2024-01-08', '2024-02-30', '2024-03-01', '2024-13-01', 'not a date', '0000-01-03'),
  ),
);

describe('MovedWeeks', () => {
  it('answers as a set of weekKey strings does, for generated children, other pairs and odd weeks', () => {
    fc.assert(
      fc.property(fc.array(identity, { maxLength: 60 }), fc.array(identity, { maxLength: 60 }), (added, probes) => {
        const moved = new MovedWeeks(3, childIndex);
        const reference = new Set<string>();
        for (const [o, n, w] of added) {
          moved.add(o, n, w);
          reference.add(weekKey(o, n, w));
        }
        for (const [o, n, w] of [...added, ...probes]) expect(moved.has(o, n, w)).toBe(reference.has(weekKey(o, n, w)));
      }),
      { numRuns: 200 },
    );
  });
});
