/**
 * The access matrix, reviewed here: what each API role is MEANT to reach, phase by phase. The exposure
 * properties compare what is measured (src/check/access.ts) at every step boundary against it.
 *
 * Reading it: an object not listed is internal (bookkeeping, helpers, triggers) and closed to every API
 * role at every step. A listed object is open to the roles named, with the operations named, from the
 * phase named until that phase is rolled back. Row-level: `owner` and `stranger` hold the same
 * privileges (both are `authenticated`); RLS is what keeps a stranger at 0 rows, and it is measured.
 * The legacy table keeps what it had before Phase 0, never more. anon never gets anything new.
 */
import type { EntryPoint } from '../contract/entry-point.ts';
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS, type PhaseId } from '../contract/phase.ts';
import type { AccessEntry, AccessOperation, AccessRole, AccessSnapshot } from './access.ts';

export interface ObjectPolicy {
  object: string;
  /** The phase whose apply opens it. */
  from: PhaseId;
  ops: Partial<Record<AccessRole, readonly AccessOperation[]>>;
  why: string;
}

const DML = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;
const PARENT = { owner: DML, stranger: DML } as const;

/** The plan's schema as the app uses it. TRUNCATE is nobody's: RLS does not apply to it. */
export const ACCESS_POLICY: readonly ObjectPolicy[] = [
  ...(['children', 'weeks', 'habits', 'habit_records', 'habit_templates'] as const).map((object) => ({
    object,
    from: 'phase-2' as const,
    ops: PARENT,
    why: 'Phase 2 reads (and Phase 3 writes) the new schema as the signed-in parent, under RLS',
  })),
  { object: 'notifications', from: 'phase-2', ops: { owner: ['SELECT', 'UPDATE', 'DELETE'], stranger: ['SELECT', 'UPDATE', 'DELETE'] }, why: 'the parent reads, marks read and deletes; the server writes them' },
  // The server (service_role, the Edge Functions' key) writes the new schema from the dual write on.
  ...(['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'] as const).map((object) => ({
    object,
    from: 'phase-1' as const,
    ops: { service_role: DML },
    why: 'the dual-write API writes the new schema as the server',
  })),
];

/** The legacy objects: open exactly as before Phase 0 (the rename keeps a table's grants). */
export const LEGACY_OBJECTS: Readonly<Record<string, string>> = {
  habit_tracker: 'habit_tracker',
  habit_tracker_old: 'habit_tracker',
  habit_tracker_id_seq: 'habit_tracker_id_seq',
};

/** Where the walk is: the phase being applied or rolled back (its objects count until its rollback ends). */
export type AccessPoint = PhaseId | 'legacy';

export interface IntendedContext {
  /** Access measured before Phase 0: what the legacy objects may keep. */
  baseline: AccessSnapshot;
  entryPoints: readonly EntryPoint[];
  /**
   * The implementation's own legacy-shaped view (Observation.relations.legacyView), if it has one: the
   * read path's, so the signed-in parent may SELECT it from Phase 2, under the caller's RLS.
   */
  legacyView?: string;
}

/** What `impl` declares through the contract that the matrix needs, with the access measured before Phase 0. */
export function intendedContextOf(impl: MigrationImplementation, baseline: AccessSnapshot): IntendedContext {
  const legacyView = impl.observe.relations?.legacyView;
  return { baseline, entryPoints: impl.entryPoints ?? [], ...(legacyView ? { legacyView } : {}) };
}

/** Is `role` meant to do `operation` to `object` at `point`? */
export function isIntended(point: AccessPoint, role: AccessRole, object: string, operation: AccessOperation, ctx: IntendedContext): boolean {
  const legacy = LEGACY_OBJECTS[object];
  if (legacy !== undefined) {
    return ctx.baseline.entries.some((e) => e.object === legacy && e.role === roleAtBaseline(role) && e.operation === operation && e.allowed);
  }
  if (point === 'legacy') return false;
  const reached = PHASE_IDS.indexOf(point);
  const open = (from: PhaseId) => PHASE_IDS.indexOf(from) <= reached;
  if (operation === 'EXECUTE') {
    const roles: readonly string[] = role === 'owner' || role === 'stranger' ? ['authenticated'] : [role];
    return ctx.entryPoints.some((p) => p.signature === object && open(p.from) && p.roles.some((r) => roles.includes(r)));
  }
  if (object === ctx.legacyView) return open('phase-2') && (role === 'owner' || role === 'stranger') && operation === 'SELECT';
  return ACCESS_POLICY.some((p) => p.object === object && open(p.from) && (p.ops[role] ?? []).includes(operation));
}

/** A table privilege of an API role (owner and stranger are both `authenticated`). */
export interface TableGrant {
  role: 'anon' | 'authenticated' | 'service_role';
  object: string;
  operation: AccessOperation;
}

/**
 * Every table privilege the matrix lets an API role hold at `point` on the plan's schema: what an
 * operator may have granted by then without leaving the matrix (phase-1: the server's DML).
 */
export function tableGrantsIntendedAt(point: PhaseId): TableGrant[] {
  const reached = PHASE_IDS.indexOf(point);
  const out = new Map<string, TableGrant>();
  for (const p of ACCESS_POLICY) {
    if (PHASE_IDS.indexOf(p.from) > reached) continue;
    for (const [role, ops] of Object.entries(p.ops) as Array<[AccessRole, readonly AccessOperation[]]>) {
      const pgRole = role === 'owner' || role === 'stranger' ? 'authenticated' : role;
      for (const operation of ops) out.set(`${pgRole} ${p.object} ${operation}`, { role: pgRole, object: p.object, operation });
    }
  }
  return [...out.values()];
}

// the baseline may have been measured without an owner: owner's privileges are the stranger's
function roleAtBaseline(role: AccessRole): AccessRole {
  return role === 'owner' ? 'stranger' : role;
}

/** One way the measured access goes beyond the matrix. */
export interface ExposureViolation {
  kind: 'not-intended' | 'rows-reached' | 'definer-search-path';
  role?: AccessRole;
  object: string;
  operation?: AccessOperation;
  rows?: number;
  detail: string;
}

/**
 * What is wrong with `snapshot` at `point`: a privilege the matrix does not give; a row of someone
 * else's reached by anon or a stranger (any row: neither owns one); a SECURITY DEFINER function that
 * takes its caller's search_path. Pure.
 */
export function exposureViolations(point: AccessPoint, snapshot: AccessSnapshot, ctx: IntendedContext): ExposureViolation[] {
  const out: ExposureViolation[] = [];
  for (const e of snapshot.entries) {
    if (e.allowed && !isIntended(point, e.role, e.object, e.operation, ctx)) {
      out.push({ kind: 'not-intended', role: e.role, object: e.object, operation: e.operation, detail: describe(e) });
    }
    if ((e.role === 'anon' || e.role === 'stranger') && (e.rows ?? 0) > 0) {
      out.push({ kind: 'rows-reached', role: e.role, object: e.object, operation: e.operation, rows: e.rows!, detail: `${e.role} ${verb(e.operation)} ${e.rows} row(s) of ${e.object}` });
    }
  }
  for (const d of snapshot.definers) {
    if (d.searchPath === null) out.push({ kind: 'definer-search-path', object: d.signature, detail: `SECURITY DEFINER ${d.signature} runs with the caller's search_path` });
  }
  return out;
}

function describe(e: AccessEntry): string {
  const cols = e.columns ? ` (${e.columns.join(', ')})` : '';
  return e.kind === 'function' ? `${e.role} can EXECUTE ${e.object}` : `${e.role} has ${e.operation}${cols} on ${e.kind} ${e.object}`;
}

function verb(op: AccessOperation): string {
  return op === 'SELECT' ? 'sees' : op === 'UPDATE' ? 'can update' : op === 'DELETE' ? 'can delete' : `${op}s`;
}
