import { createHash } from 'node:crypto';
import { type MigrationOptions, variant } from '../migration-options.ts';

/**
 * The read router of Phase 2: which schema serves a user's reads, from a percentage flag with
 * sticky bucketing. Pure (no I/O, no clock, no randomness).
 *
 * A user's bucket is the first 4 bytes of sha256(lower-cased, trimmed user id) as an unsigned
 * 32-bit integer, modulo {@link BUCKETS}: the same user lands in the same bucket in every process,
 * on every server, forever (sticky), and raising the percentage only ever adds users (monotone).
 * A user reads from the new schema iff `useNewSchema` is on and `bucket < percentage × 100`:
 * 0 % is nobody, 100 % is everybody, and the threshold has a granularity of 0.01 %.
 *
 * The plan's `if (flags.useNewSchema)` reads the percentage flag and never uses it; here
 * `useNewSchema` is the kill switch (off = every read from legacy, at once: the Phase 2 rollback)
 * and `newSchemaPercentage` is the rollout (5 → 20 → 50 → 100).
 */
export const BUCKETS = 10_000;

export interface ReadFlags {
  /** Kill switch. false: every read from the legacy table, whatever the percentage. */
  useNewSchema: boolean;
  /** Share of users (0–100, step 0.01) whose reads are served from the new schema. */
  newSchemaPercentage: number;
  /**
   * Scientist mode: users routed to the new schema are still served from legacy (the control);
   * the new read runs as the candidate and any difference is recorded (see experiment.ts).
   */
  compare?: boolean;
}

/** Flags with every read on legacy: the Phase 2 rollback, effective at the next request. */
export const ALL_LEGACY: ReadFlags = Object.freeze({ useNewSchema: false, newSchemaPercentage: 0 });

/** The user's bucket, 0 … BUCKETS-1. Case and surrounding whitespace of the id do not matter. */
export function bucketOf(userId: string): number {
  const digest = createHash('sha256').update(userId.trim().toLowerCase(), 'utf8').digest();
  return digest.readUInt32BE(0) % BUCKETS;
}

/** The bucket threshold of a percentage: users with a bucket below it are on the new schema. */
export function thresholdOf(percentage: number): number {
  if (!Number.isFinite(percentage) || percentage < 0 || percentage > 100) {
    throw new RangeError(`newSchemaPercentage must be a number from 0 to 100, got ${percentage}`);
  }
  return Math.round(percentage * (BUCKETS / 100));
}

/** Does this user's read go to the new schema under these flags? Sticky and monotone in the percentage. */
export function readsFromNew(userId: string, flags: ReadFlags, opts?: MigrationOptions): boolean {
  const threshold = thresholdOf(flags.newSchemaPercentage);
  const decide = variant<() => boolean>(
    opts,
    'router-flag-ignores-percentage',
    // broken: the plan's `if (flags.useNewSchema)`; newSchemaPercentage is fetched and never used
    () => flags.useNewSchema,
    () => flags.useNewSchema && inBucketRange(userId, threshold, opts),
  );
  return decide();
}

function inBucketRange(userId: string, threshold: number, opts?: MigrationOptions): boolean {
  const bucket = variant<() => number>(
    opts,
    'router-random-per-request',
    // broken: a fresh draw per request — the share is right, but a user flips between schemas
    () => Math.floor(Math.random() * BUCKETS),
    () => bucketOf(userId),
  )();
  return variant(
    opts,
    'router-percent-inclusive',
    // broken: `<=` — bucket 0 is on the new schema at 0 %, and every threshold lets one bucket too many in
    bucket <= threshold,
    bucket < threshold,
  );
}
