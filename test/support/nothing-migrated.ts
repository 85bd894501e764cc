/**
 * Implementations under which nothing is migrated: the variants no data property may pass (a property
 * that compares runs with each other, or the new schema with an oracle row by row, proves nothing
 * when the new schema is empty). Transformations, as src/defects/ are, but not in the catalogue:
 * probes of the harness (`gate all --impl test/support/nothing-migrated.ts`).
 *
 * - {@link backfillDoesNothing}: the backfill returns at once, touching nothing (ours then refuses
 *   Phase 1: its backfill is not complete);
 * - {@link backfillLost}: the backfill runs to its end and records it, and then the new schema's
 *   tables are empty — past every guard, the harder case (the default export).
 */
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import { ourMigration } from '../../src/migration/implementation.ts';

/** `impl` whose backfill does nothing. */
export function backfillDoesNothing(impl: MigrationImplementation): MigrationImplementation {
  return {
    ...impl,
    name: `${impl.name}-backfill-does-nothing`,
    description: `${impl.description}; its backfill doing nothing (a probe, not an implementation)`,
    backfill: { run: async () => ({ batches: 0, rows: 0, migrated: 0, quarantined: 0, roundTrips: 0, done: true, ms: 0 }) },
  };
}

/** `impl` whose backfill completes and then leaves the plan's tables empty. */
export function backfillLost(impl: MigrationImplementation): MigrationImplementation {
  return {
    ...impl,
    name: `${impl.name}-backfill-lost`,
    description: `${impl.description}; what its backfill migrated emptied afterwards (a probe, not an implementation)`,
    backfill: {
      async run(db, opts) {
        const done = await impl.backfill.run(db, opts);
        await db.query('TRUNCATE public.habit_records, public.habits, public.weeks, public.children CASCADE');
        return { ...done, migrated: 0 };
      },
    },
  };
}

export default backfillLost(ourMigration);
