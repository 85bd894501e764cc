import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import type { ReadFlags } from '../../src/contract/read-path.ts';
import { ID_STYLES, userIds, type IdStyle } from './support/user-ids.ts';

/** The plan's rollout steps, always checked, plus generated ones. */
export const ROLLOUT = [0, 5, 20, 50, 100] as const;
/** Standard errors of tolerance on the observed share (a false alarm about once in 1.7 million checks). */
export const SIGMAS = 5;

export interface RouterCase {
  seed: number;
  style: IdStyle;
  users: number;
  /** Extra percentages (0–100, step 0.01) besides ROLLOUT. */
  percentages: number[];
}

/**
 * Sticky, monotone, exact at the threshold, and the right share: over ≥ 10 000 generated users,
 * (1) a user's route never changes between calls, nor with the case of the id;
 * (2) on at p ⇒ on at every q ≥ p;
 * (3) 0 % is nobody, 100 % everybody, and a user with bucket b is off at b/100 % and on at (b+1)/100 %;
 * (4) the share on at p is within 5 standard errors (5·√(p(1−p)/n)) of p;
 * (5) with useNewSchema off nobody is on, at any percentage.
 * Pure: no database. Killed by router-flag-ignores-percentage, router-random-per-request,
 * router-percent-inclusive.
 */
export const router: PropertyDef<RouterCase> = {
  name: 'phase-2/router',
  tags: ['phase-2'],
  description: 'The read router is sticky per user, monotone in the percentage, exact at its threshold, and within 5 standard errors of the target share over ≥ 10 000 users.',
  defaultRuns: 10,
  arbitrary: () =>
    fc.record(
      {
        seed: fc.integer(),
        style: fc.constantFrom(...ID_STYLES),
        users: fc.integer({ min: 10_000, max: 12_000 }),
        percentages: fc.array(fc.integer({ min: 0, max: 10_000 }).map((x) => x / 100), { maxLength: 4 }),
      },
      { noNullPrototype: true },
    ),
  setup: async () => undefined,
  reset: async () => undefined,
  async check(input, ctx) {
    const reads = ctx.impl.reads;
    const ids = userIds(input.seed, input.style, input.users);
    const percentages = [...new Set([...ROLLOUT, ...input.percentages])].sort((a, b) => a - b);
    const on = (id: string, p: number, useNewSchema = true) => reads.routesToNew(id, { useNewSchema, newSchemaPercentage: p } satisfies ReadFlags);
    const problems: unknown[] = [];
    const first = <T>(xs: T[]) => xs.slice(0, 5);

    // (1) sticky, (2) monotone, (3) exact threshold
    const flipped: unknown[] = [];
    const notMonotone: unknown[] = [];
    const boundary: unknown[] = [];
    const counts = new Map<number, number>(percentages.map((p) => [p, 0]));
    for (const id of ids) {
      let wasOn = false;
      for (const p of percentages) {
        const a = on(id, p);
        const b = on(id, p);
        if (a !== b) flipped.push({ user: id, percentage: p, calls: [a, b] });
        if (wasOn && !a) notMonotone.push({ user: id, onAtLower: true, offAt: p });
        wasOn ||= a;
        if (a) counts.set(p, counts.get(p)! + 1);
      }
      const otherCase = id === id.toLowerCase() ? id.toUpperCase() : id.toLowerCase();
      if (on(otherCase, 50) !== on(id, 50)) flipped.push({ user: id, percentage: 50, otherCase });
      if (reads.bucketOf) {
        const bucket = reads.bucketOf(id);
        const atOwn = on(id, bucket / 100);
        const above = on(id, (bucket + 1) / 100);
        if (atOwn || !above) boundary.push({ user: id, bucket, [`on at ${bucket / 100}%`]: atOwn, [`on at ${(bucket + 1) / 100}%`]: above });
      }
      if (on(id, 100, false)) boundary.push({ user: id, problem: 'on the new schema with useNewSchema off' });
    }
    if (flipped.length) problems.push({ problem: 'not sticky', users: flipped.length, examples: first(flipped) });
    if (notMonotone.length) problems.push({ problem: 'not monotone', users: notMonotone.length, examples: first(notMonotone) });
    if (boundary.length) problems.push({ problem: 'threshold', users: boundary.length, examples: first(boundary) });

    // (4) share within tolerance
    const n = ids.length;
    for (const p of percentages) {
      const target = p / 100;
      const observed = counts.get(p)! / n;
      const tolerance = SIGMAS * Math.sqrt((target * (1 - target)) / n);
      if (Math.abs(observed - target) > tolerance) {
        problems.push({ problem: 'share', percentage: p, target, observed, tolerance, users: n, style: input.style });
      }
    }
    if (problems.length > 0) {
      const what = [...new Set(problems.map((x) => (x as { problem: string }).problem))].join(', ');
      throw new PropertyFailure(`router: ${what} over ${n} ${input.style} users`, { problems });
    }
  },
};
