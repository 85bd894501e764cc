/**
 * The app's paths into the database as the app takes them — an API role with its claims and its
 * statement_timeout (withClaims) — one per thing the app does in a phase. Each returns null when it
 * worked, or what went wrong (Postgres's SQLSTATE kept: 42501 is a missing grant, 57014 a timeout).
 */
import type pg from 'pg';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import type { WeekReader } from '../../src/contract/read-path.ts';
import { asUserRolledBack, withClaims } from '../../src/db/as-user.ts';
import { legacyAppError } from './legacy-app-works.ts';

export type AppPathId =
  | 'legacy-write-as-parent'
  | 'legacy-write-as-server'
  | 'legacy-read-as-parent'
  | 'dual-write-as-server'
  | 'new-read-as-parent'
  | 'compare-log-as-parent'
  | 'write-path-as-parent'
  | 'new-write-as-parent';

export interface AppPath {
  id: AppPathId;
  /** In words, for the failure message. */
  what: string;
  run(client: pg.ClientBase, impl: MigrationImplementation, parent: string): Promise<string | null>;
}

const ALL_NEW = { useNewSchema: true, newSchemaPercentage: 100 } as const;

function failed(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return `${e.message ?? String(err)}${e.code ? ` (SQLSTATE ${e.code})` : ''}`;
}

async function attempt(fn: () => Promise<string | null>): Promise<string | null> {
  try {
    return await fn();
  } catch (err) {
    return failed(err);
  }
}

const asParent = <T>(client: pg.ClientBase, parent: string, fn: (c: pg.ClientBase) => Promise<T>) =>
  withClaims(client, { sub: parent, role: 'authenticated' }, 'authenticated', fn);
const asServer = <T>(client: pg.ClientBase, fn: (c: pg.ClientBase) => Promise<T>) => withClaims(client, { role: 'service_role' }, 'service_role', fn);

export const APP_PATHS: Readonly<Record<AppPathId, AppPath>> = {
  'legacy-write-as-parent': {
    id: 'legacy-write-as-parent',
    what: 'the old client writes the legacy table as the signed-in parent',
    run: (client) => legacyAppError(client, 'authenticated'),
  },
  'legacy-write-as-server': {
    id: 'legacy-write-as-server',
    what: 'the server writes the legacy table (service_role)',
    run: (client) => legacyAppError(client, 'service_role'),
  },
  'legacy-read-as-parent': {
    id: 'legacy-read-as-parent',
    what: "the old client reads the family's weeks from the legacy table as the parent",
    run: (client, impl, parent) =>
      attempt(async () => {
        const own = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.habit_tracker WHERE user_id = $1', [parent]);
        const seen = await asParent(client, parent, async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM public.habit_tracker')).rows[0]!.n);
        return seen === own.rows[0]!.n ? null : `saw ${seen} of the parent's ${own.rows[0]!.n} row(s)`;
      }),
  },
  'dual-write-as-server': {
    id: 'dual-write-as-server',
    what: 'the dual-write API creates a week and sets a status as the server (service_role)',
    run: (client, impl, parent) =>
      attempt(async () => {
        const key = `reachability-${parent}`;
        const created = await asServer(client, (c) =>
          impl.dualWrite.call(c, `${key}-create`, 'createWeek', { userId: parent, childName: '도달', weekStartDate: '2099-03-02', habits: ['독서'] }),
        );
        await asServer(client, (c) => impl.dualWrite.call(c, `${key}-status`, 'setStatus', { legacyId: created.response.legacyId, habitIndex: 0, day: 0, status: 'green' }));
        return null;
      }),
  },
  'new-read-as-parent': {
    id: 'new-read-as-parent',
    what: "the app reads the parent's weeks from the new schema as the parent (100% rollout)",
    run: (client, impl, parent) =>
      attempt(async () => {
        const weeks = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.weeks WHERE user_id = $1', [parent])).rows[0]!.n;
        const served = await asParent(client, parent, (c) => impl.reads.list(c, { userId: parent, flags: ALL_NEW }));
        if (served.source !== 'new') return `served from ${served.source}, not the new schema`;
        return weeks > 0 && served.value.length === 0 ? `the read showed none of the parent's ${weeks} week(s)` : null;
      }),
  },
  'compare-log-as-parent': {
    id: 'compare-log-as-parent',
    what: 'compare mode records a difference it saw, as the reading parent',
    run: (client, impl, parent) =>
      attempt(async () => {
        const weeks = await asParent(client, parent, (c) => impl.reads.readers.legacy.list(c, parent));
        const legacyId = weeks.find((w) => w.id !== null)?.id;
        if (legacyId === undefined || legacyId === null) return null;
        // a candidate that disagrees on every read: the mismatch must reach the log
        const wrong: WeekReader = { week: async () => null, list: async () => [] };
        // rolled back: the forced difference must not stay in the log (it would hold up Phase 2's complete)
        const served = await asUserRolledBack(client, { sub: parent, role: 'authenticated' }, 'authenticated', (c) =>
          impl.reads.week(c, { legacyId }, { userId: parent, flags: { ...ALL_NEW, compare: true } }, { readers: { legacy: impl.reads.readers.legacy, new: wrong } }),
        );
        if (!served.ok) return served.error.message + (served.error.code ? ` (SQLSTATE ${served.error.code})` : '');
        if (!served.value.mismatch) return 'compare mode saw no difference from a candidate that returns nothing';
        return served.value.mismatch.recorded ? null : 'the difference did not reach the mismatch log';
      }),
  },
  'write-path-as-parent': {
    id: 'write-path-as-parent',
    what: 'the app asks where to write, as the parent, and is told the new schema',
    run: (client, impl, parent) =>
      attempt(async () => {
        const where = await asParent(client, parent, (c) => impl.observe.writePath(c));
        return where === 'new' ? null : `told to write to ${where}`;
      }),
  },
  'new-write-as-parent': {
    id: 'new-write-as-parent',
    what: "the app changes one of the parent's weeks in the new schema, as the parent",
    run: (client, impl, parent) =>
      attempt(async () => {
        const n = await asParent(client, parent, async (c) => {
          const r = await c.query(`UPDATE public.weeks SET theme = coalesce(theme, '') || '', updated_at = now() WHERE id = (SELECT id FROM public.weeks ORDER BY id LIMIT 1)`);
          return r.rowCount ?? 0;
        });
        return n === 1 ? null : `the update reached ${n} row(s)`;
      }),
  },
};

/** Which paths the app takes while a phase is in place (after its apply, before the next). */
export const PATHS_BY_PHASE = {
  legacy: ['legacy-write-as-parent', 'legacy-write-as-server', 'legacy-read-as-parent'],
  'phase-0': ['legacy-write-as-parent', 'legacy-write-as-server', 'legacy-read-as-parent'],
  'phase-1': ['legacy-write-as-parent', 'legacy-read-as-parent', 'dual-write-as-server'],
  'phase-2': ['legacy-write-as-parent', 'legacy-read-as-parent', 'dual-write-as-server', 'new-read-as-parent', 'compare-log-as-parent'],
  'phase-3': ['write-path-as-parent', 'new-write-as-parent', 'new-read-as-parent'],
} as const satisfies Record<string, readonly AppPathId[]>;
