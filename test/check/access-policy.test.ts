import { describe, expect, it } from 'vitest';
import type { AccessEntry, AccessSnapshot } from '../../src/check/access.ts';
import { exposureViolations, isIntended } from '../../src/check/access-policy.ts';
import type { EntryPoint } from '../../src/contract/entry-point.ts';

const entry = (e: Partial<AccessEntry> & Pick<AccessEntry, 'role' | 'object' | 'operation'>): AccessEntry => ({ kind: 'table', allowed: true, ...e });

// the legacy app: every API role holds ALL on habit_tracker (granted in the auto era), RLS keeps rows
const baseline: AccessSnapshot = {
  entries: (['anon', 'stranger', 'service_role'] as const).flatMap((role) =>
    (['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] as const).map((operation) => entry({ role, object: 'habit_tracker', operation, rows: 0 })),
  ),
  definers: [],
};
const entryPoints: EntryPoint[] = [{ signature: 'hv_dual_write(text,text,jsonb)', roles: ['service_role'], from: 'phase-1', why: 'dual write' }];
const ctx = { baseline, entryPoints };

describe('the access matrix', () => {
  it('keeps the legacy table as it was, never more; the renamed table inherits it', () => {
    expect(isIntended('phase-0', 'anon', 'habit_tracker', 'TRUNCATE', ctx)).toBe(true);
    expect(isIntended('phase-3', 'owner', 'habit_tracker_old', 'SELECT', ctx)).toBe(true);
    expect(isIntended('phase-0', 'anon', 'habit_tracker', 'EXECUTE', ctx)).toBe(false);
  });

  it('opens the family tables to the signed-in parent only from Phase 2, never TRUNCATE, never to anon', () => {
    expect(isIntended('phase-1', 'owner', 'children', 'SELECT', ctx)).toBe(false);
    expect(isIntended('phase-2', 'owner', 'children', 'SELECT', ctx)).toBe(true);
    expect(isIntended('phase-3', 'stranger', 'habit_records', 'DELETE', ctx)).toBe(true);
    expect(isIntended('phase-2', 'owner', 'children', 'TRUNCATE', ctx)).toBe(false);
    expect(isIntended('phase-3', 'anon', 'children', 'SELECT', ctx)).toBe(false);
    expect(isIntended('phase-2', 'owner', 'notifications', 'INSERT', ctx)).toBe(false);
  });

  it("opens the implementation's own legacy view (declared through the contract) for SELECT by the parent from Phase 2, and nothing else", () => {
    const withView = { ...ctx, legacyView: 'legacy_shape' };
    expect(isIntended('phase-2', 'owner', 'legacy_shape', 'SELECT', withView)).toBe(true);
    expect(isIntended('phase-1', 'owner', 'legacy_shape', 'SELECT', withView)).toBe(false);
    expect(isIntended('phase-2', 'owner', 'legacy_shape', 'UPDATE', withView)).toBe(false);
    expect(isIntended('phase-2', 'anon', 'legacy_shape', 'SELECT', withView)).toBe(false);
    expect(isIntended('phase-2', 'owner', 'legacy_shape', 'SELECT', ctx)).toBe(false);
  });

  it('lets nobody execute an internal function; an entry point only for its roles from its phase', () => {
    expect(isIntended('phase-1', 'service_role', 'hv_dual_write(text,text,jsonb)', 'EXECUTE', ctx)).toBe(true);
    expect(isIntended('phase-0', 'service_role', 'hv_dual_write(text,text,jsonb)', 'EXECUTE', ctx)).toBe(false);
    expect(isIntended('phase-1', 'owner', 'hv_dual_write(text,text,jsonb)', 'EXECUTE', ctx)).toBe(false);
    expect(isIntended('phase-2', 'service_role', 'hv_migrate_range(bigint,bigint)', 'EXECUTE', ctx)).toBe(false);
  });

  it('reports a privilege beyond the matrix, a row a stranger reached, and a definer without search_path', () => {
    const snapshot: AccessSnapshot = {
      entries: [
        entry({ role: 'anon', object: 'children', operation: 'SELECT', rows: 0 }),
        entry({ role: 'stranger', object: 'weeks', operation: 'DELETE', rows: 3 }),
        entry({ role: 'owner', object: 'weeks', operation: 'DELETE', rows: 3 }),
        entry({ role: 'anon', object: 'hv_migrate_range(bigint,bigint)', kind: 'function', operation: 'EXECUTE' }),
        entry({ role: 'anon', object: 'backfill_progress', operation: 'SELECT', allowed: false }),
      ],
      definers: [{ signature: 'hv_sync()', searchPath: null }, { signature: 'hv_ok()', searchPath: 'pg_catalog, public' }],
    };
    const found = exposureViolations('phase-2', snapshot, ctx).map((v) => `${v.kind}: ${v.detail}`);
    expect(found).toEqual([
      'not-intended: anon has SELECT on table children',
      'rows-reached: stranger can delete 3 row(s) of weeks',
      'not-intended: anon can EXECUTE hv_migrate_range(bigint,bigint)',
      "definer-search-path: SECURITY DEFINER hv_sync() runs with the caller's search_path",
    ]);
  });

  it('finds nothing in what the matrix allows', () => {
    const snapshot: AccessSnapshot = {
      entries: [entry({ role: 'owner', object: 'children', operation: 'UPDATE', rows: 2 }), entry({ role: 'stranger', object: 'children', operation: 'UPDATE', rows: 0 }), ...baseline.entries],
      definers: [{ signature: 'hv_dual_write(text,text,jsonb)', searchPath: "''" }],
    };
    expect(exposureViolations('phase-2', snapshot, ctx)).toEqual([]);
  });
});
