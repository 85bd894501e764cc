import type pg from 'pg';
import { definePhase } from '../../contract/define-phase.ts';
import type { PhaseOptions } from '../../contract/phase.ts';
import { MigrationError } from '../../contract/migration-error.ts';
import { PHASE2_STEPS, RLS_TABLES } from './steps.ts';

/**
 * User triggers on habit_tracker whose function is SECURITY INVOKER (Phase 1's backup sync). Such a
 * trigger does its writes to the new schema, and its reads of auth.users and the bookkeeping, as
 * whoever wrote the legacy row — for the legacy app, a signed-in parent (authenticated).
 */
export async function invokerTriggers(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ t: string }>(
    `SELECT format('trigger %s (function %s)', t.tgname, p.oid::regprocedure) AS t
       FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE t.tgrelid = to_regclass('public.habit_tracker') AND NOT t.tgisinternal AND NOT p.prosecdef
      ORDER BY t.tgname`,
  );
  return rows.map((r) => r.t);
}

/** What phase2.complete found missing (empty = Phase 2 is done). */
export interface Phase2Status {
  notValidated: string[];
  rlsOff: string[];
  withoutPolicy: string[];
  mismatches: number;
}

/**
 * Phase 2 — the read switch. validate / apply / complete / rollback side by side (a pgroll operation).
 *
 * The switch itself is application state, not DDL: the router (router.ts) reads the flags
 * `{ useNewSchema, newSchemaPercentage, compare }` on every request, so 5 → 20 → 50 → 100 % and the
 * rollback's "flag off" take effect at the next read, with no step to run. The database side is
 * what reads from the new schema need before any user is routed there: validated constraints,
 * RLS with policies, and the compare-mode log.
 *
 * Rollback: flag off first (ALL_LEGACY: every read from legacy, at once), then `rollback` drops the
 * API roles' privileges (restoring the ones saved), disables RLS and drops the policies.
 * It keeps the constraint validation (harmless: it only states what the data satisfies, and new rows
 * were checked all along) and the read_mismatches table (the evidence of why reads were switched back).
 */
export const phase2 = definePhase({
  id: 'phase-2',
  // the mismatch log, VALIDATE of every Phase 0 constraint, the policies, RLS enabled table by table,
  // then the API roles' privileges
  steps: PHASE2_STEPS,
  // the evidence of why reads were switched back, and what the data was shown to satisfy
  keeps: { relations: ['read_mismatches', 'read_mismatches_pkey', 'read_mismatches_id_seq'], validation: true },

  /**
   * Phase 0's tables and legacy view, and Supabase's API roles and auth.uid(), must exist; and no
   * trigger on habit_tracker may run as the writing role (see invokerTriggers).
   */
  async validate(client: pg.ClientBase, opts: PhaseOptions) {
    const { rows } = await client.query<{ missing: string[] }>(
      `SELECT array_remove(ARRAY[
         ${RLS_TABLES.map((t) => `CASE WHEN to_regclass('public.${t}') IS NULL THEN 'table public.${t}' END`).join(',\n         ')},
         CASE WHEN to_regclass('public.habit_tracker_from_new') IS NULL THEN 'view public.habit_tracker_from_new' END,
         CASE WHEN to_regprocedure('auth.uid()') IS NULL THEN 'function auth.uid()' END,
         CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN 'role authenticated' END,
         CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN 'role anon' END
       ], NULL) AS missing`,
    );
    const missing = rows[0]?.missing ?? [];
    if (missing.length > 0) {
      throw new MigrationError(`phase-2: ${missing.join(', ')} missing; apply Phase 0 (and the Supabase auth shim) first`);
    }
    const invoker = opts.legacyWritersBypassRls ? [] : await invokerTriggers(client);
    if (invoker.length > 0) {
      throw new MigrationError(
        `phase-2: ${invoker.join(', ')} on public.habit_tracker run(s) as the role that writes the legacy row. A signed-in parent ` +
          `writing habit_tracker (authenticated) would then sync under this phase's RLS and without access to the migration's ` +
          `bookkeeping: the legacy write fails (42501). Make the trigger function SECURITY DEFINER with a fixed search_path ` +
          `(Phase 1), or, if only roles that bypass RLS (service_role, the owner) write habit_tracker, pass legacyWritersBypassRls.`,
      );
    }
  },

  /**
   * Phase 2 is complete when every constraint of the new tables is validated, RLS is on with a policy
   * on every one of them, and compare mode has recorded no mismatch. (The percentage reaching 100 is
   * the application's flag, not visible here.)
   */
  async beforeComplete(client: pg.ClientBase) {
    const s = await phase2Status(client);
    const problems = [
      ...(s.notValidated.length ? [`constraints not validated: ${s.notValidated.join(', ')}`] : []),
      ...(s.rlsOff.length ? [`RLS off on ${s.rlsOff.join(', ')}`] : []),
      ...(s.withoutPolicy.length ? [`no policy on ${s.withoutPolicy.join(', ')}`] : []),
      ...(s.mismatches ? [`${s.mismatches} read mismatch(es) recorded in public.read_mismatches`] : []),
    ];
    if (problems.length > 0) throw new MigrationError(`phase-2 is not complete: ${problems.join('; ')}`);
  },
});

/** Reports what stands between this database and the end of Phase 2 (never throws). */
export async function phase2Status(client: pg.ClientBase): Promise<Phase2Status> {
  const tables = `ARRAY[${RLS_TABLES.map((t) => `'${t}'`).join(', ')}]`;
  const { rows } = await client.query<Phase2Status>(
    `SELECT
       ARRAY(SELECT format('%s.%s', c.conrelid::regclass, c.conname) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
              WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY (${tables}) AND NOT c.convalidated ORDER BY 1) AS "notValidated",
       ARRAY(SELECT t.relname::text FROM pg_class t WHERE t.relnamespace = 'public'::regnamespace
                AND t.relname = ANY (${tables}) AND NOT t.relrowsecurity ORDER BY 1) AS "rlsOff",
       ARRAY(SELECT t.relname::text FROM pg_class t WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY (${tables})
                AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.oid) ORDER BY 1) AS "withoutPolicy",
       0 AS mismatches`,
  );
  const status = rows[0]!;
  const { rows: log } = await client.query<{ t: string | null }>(`SELECT to_regclass('public.read_mismatches')::text AS t`);
  if (log[0]?.t) status.mismatches = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.read_mismatches')).rows[0]!.n;
  return status;
}
