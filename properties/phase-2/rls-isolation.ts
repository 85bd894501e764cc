import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import type { SupabaseRole } from '../../src/db/as-user.ts';
import { STRANGER, asUserRolledBack, migrateWithHistory, migratedOwners, setupPhase2 } from './support/phase-2-case.ts';
import { addTemplatesAndNotifications, closedRelations, familyIds, visibleRelations, type FamilyIds } from './support/family-world.ts';
import { ATTACKS } from './support/attacks.ts';

export interface RlsCase {
  dataset: LegacyDataset;
  /** Which owner attacks which (indexes modulo the owners). */
  attacker: number;
  victim: number;
}

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * As `authenticated` with user A's claims, every table of the plan and the implementation's legacy
 * view (Observation.relations) show exactly A's rows; its bookkeeping tables show nothing; `anon`
 * (with no claims, or with A's sub) sees and writes nothing; and each cross-family write — insert, update, delete, moving one's own rows into another
 * family, TRUNCATE — is rejected (42501) or touches no row, while the same statement on A's own rows
 * succeeds where the owner may do it. The harness connects as a superuser: withClaims' SET LOCAL
 * ROLE is what makes RLS apply. Killed by rls-with-check-true, rls-parent-tables-only,
 * rls-week-child-unchecked, legacy-view-bypasses-rls.
 */
export const rlsIsolation: PropertyDef<RlsCase> = {
  name: 'phase-2/rls-isolation',
  tags: ['phase-2'],
  description: "Under RLS each signed-in parent sees exactly their own family's rows in every table and the legacy view, anon sees nothing, and every cross-family write is rejected while the same write on one's own rows succeeds.",
  defaultRuns: 15,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 2, maxRows: 8 }).filter(
          (d) => new Set(d.rows.map((r) => r.user_id)).size >= 2,
        ),
        attacker: fc.nat({ max: 7 }),
        victim: fc.nat({ max: 7 }),
      },
      { noNullPrototype: true },
    ),
  setup: setupPhase2,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await migrateWithHistory(ctx, input.dataset, []);
    const users = await migratedOwners(ctx.client);
    await addTemplatesAndNotifications(ctx.client, users);
    const problems: unknown[] = [];
    const [visible, closed] = [visibleRelations(ctx.impl), closedRelations(ctx.impl)];

    // 1. visibility: exactly one's own rows
    for (const user of [...users, STRANGER]) {
      for (const [relation, q] of Object.entries(visible)) {
        const expected = (await ctx.client.query<{ id: string }>(`${q.own} ORDER BY 1`, [user])).rows.map((r) => r.id);
        const got = await asUserRolledBack(ctx.client, { sub: user, role: 'authenticated' }, 'authenticated', async (c) =>
          (await c.query<{ id: string }>(`${q.select} ORDER BY 1`)).rows.map((r) => r.id),
        );
        if (!got.ok) problems.push({ problem: 'own rows unreadable', user, relation, error: got.error });
        else if (got.value.join() !== expected.join()) {
          const mine = new Set(expected);
          problems.push({ problem: 'visibility', user, relation, expected: expected.length, got: got.value.length, foreign: got.value.filter((id) => !mine.has(id)).slice(0, 3) });
        }
      }
      for (const relation of closed) await expectNothing(ctx.client, { sub: user, role: 'authenticated' }, 'authenticated', relation, problems);
    }

    // 2. anon: nothing, with or without a sub claim
    for (const claims of [null, { sub: users[0]!, role: 'anon' }]) {
      for (const relation of [...Object.keys(visible), ...closed]) await expectNothing(ctx.client, claims, 'anon', relation, problems);
      const insert = await asUserRolledBack(ctx.client, claims, 'anon', async (c) => (await c.query(`INSERT INTO public.children (user_id, name) VALUES ($1, 'hv-anon')`, [users[0]])).rowCount);
      if (insert.ok) problems.push({ problem: 'anon wrote', claims, statement: 'insert into children' });
    }

    // 3. cross-family writes, each with its control on the attacker's own rows
    // one client, one query at a time (pg queues concurrent queries on a client, deprecated in pg 9)
    const withIds: FamilyIds[] = [];
    for (const u of users) {
      const ids = await familyIds(ctx.client, u);
      if (ids) withIds.push(ids);
    }
    if (withIds.length >= 2) {
      const a = withIds[input.attacker % withIds.length]!;
      const others = withIds.filter((f) => f.user !== a.user);
      const b = others[input.victim % others.length]!;
      for (const attack of ATTACKS) {
        const [sqlB, paramsB] = attack.sql(b, a);
        const hit = await asUserRolledBack(ctx.client, { sub: a.user, role: 'authenticated' }, 'authenticated', async (c) => (await c.query(sqlB, paramsB)).rowCount ?? 0);
        if (hit.ok && hit.value > 0) problems.push({ problem: 'cross-family write', attack: attack.name, attacker: a.user, victim: b.user, rows: hit.value });
        if (!hit.ok && hit.error.code !== INSUFFICIENT_PRIVILEGE) {
          problems.push({ problem: 'attack failed for another reason (inconclusive)', attack: attack.name, error: hit.error });
        }
        const [sqlA, paramsA] = attack.sql(a, a);
        const own = await asUserRolledBack(ctx.client, { sub: a.user, role: 'authenticated' }, 'authenticated', async (c) => (await c.query(sqlA, paramsA)).rowCount ?? 0);
        const allowed = own.ok && own.value > 0;
        if (attack.control === 'allowed' && !allowed) problems.push({ problem: 'owner blocked', attack: attack.name, user: a.user, result: own });
        if (attack.control === 'rejected' && own.ok) problems.push({ problem: 'owner allowed what only the server may do', attack: attack.name, rows: own.value });
      }
    }

    if (problems.length > 0) {
      const kinds = [...new Set(problems.map((p) => (p as { problem: string }).problem))];
      throw new PropertyFailure(`RLS: ${problems.length} problem(s): ${kinds.join(', ')}`, { problems: problems.slice(0, 15) });
    }
  },
};

/** The role must see no row of the relation: a permission error or an empty result. */
async function expectNothing(
  client: pg.ClientBase,
  claims: { sub?: string; role?: string } | null,
  role: SupabaseRole,
  relation: string,
  problems: unknown[],
): Promise<void> {
  const r = await asUserRolledBack(client, claims, role, async (c) => (await c.query(`SELECT count(*)::int AS n FROM public.${relation}`)).rows[0].n as number);
  if (r.ok && r.value > 0) problems.push({ problem: `${role} reads`, claims, relation, rows: r.value });
  if (!r.ok && r.error.code !== INSUFFICIENT_PRIVILEGE && r.error.code !== '42P01') problems.push({ problem: `${role} read failed oddly`, relation, error: r.error });
}
