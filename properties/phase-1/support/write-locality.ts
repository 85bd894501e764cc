/**
 * Which rows of the new schema a write may rewrite: those of the groups (owner, exact child name,
 * week) of the legacy rows it changed, as they were before and after it. A resync that re-derives
 * more gives the same data and passes every comparison, yet rewrites (and locks) rows of other
 * families on every write — O(table) per write. Rows a write inserted or updated are found by xmin
 * (newer than a marker transaction): the plan's tables are read, no implementation detail.
 */
import type pg from 'pg';
import type { LegacyRow } from '../../../src/contract/legacy-row.ts';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import { readNewSchemaRows } from '../../../src/check/read-new-schema.ts';
import { NEW_SCHEMA_TABLES, type NewSchemaTable } from '../../../src/check/new-schema-rows.ts';
import { jsonEqual } from '../../../src/check/round-trip.ts';

/** A point in the write order: rows whose xmin is newer were written after it. */
export type XidMark = string;

export async function markXid(client: pg.ClientBase): Promise<XidMark> {
  const { rows } = await client.query<{ x: string }>(`SELECT (txid_current() % 4294967296)::text AS x`);
  return rows[0]!.x;
}

/** Rows of each of the plan's new tables inserted or updated after the mark. */
export async function rowsWrittenSince(client: pg.ClientBase, mark: XidMark): Promise<Record<NewSchemaTable, number>> {
  const counts = NEW_SCHEMA_TABLES.map((t) => `(SELECT count(*)::int FROM public.${t} WHERE age(xmin) < age($1::text::xid)) AS ${t}`);
  const { rows } = await client.query<Record<NewSchemaTable, number>>(`SELECT ${counts.join(', ')}`, [mark]);
  return rows[0]!;
}

/** `[owner, child name, week]` of every legacy row that differs between the two reads, in both versions. */
export function changedGroups(before: readonly LegacyRow[], after: readonly LegacyRow[]): Set<string> {
  const was = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const groups = new Set<string>();
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(id);
    const b = now.get(id);
    if (a && b && jsonEqual(a, b)) continue;
    for (const r of [a, b]) if (r) groups.add(JSON.stringify([r.user_id, r.child_name, r.week_start_date]));
  }
  return groups;
}

/** Rows of each new table that belong to the groups (a child: to one of their owner and name). */
export async function rowsOfGroups(client: pg.ClientBase, impl: MigrationImplementation, groups: ReadonlySet<string>): Promise<Record<NewSchemaTable, number>> {
  const { rows } = await readNewSchemaRows(client, impl);
  const children = new Set([...groups].map((g) => JSON.stringify((JSON.parse(g) as unknown[]).slice(0, 2))));
  const out = {} as Record<NewSchemaTable, number>;
  for (const t of NEW_SCHEMA_TABLES) {
    const prefix = t === 'children' ? 2 : 3;
    const within = t === 'children' ? children : groups;
    out[t] = [...rows[t].keys()].filter((k) => within.has(JSON.stringify((JSON.parse(k) as unknown[]).slice(0, prefix)))).length;
  }
  return out;
}

/** Tables where more rows were written than the groups hold: the write reached beyond its groups. */
export function beyondGroups(written: Record<NewSchemaTable, number>, allowed: Record<NewSchemaTable, number>): Array<{ table: NewSchemaTable; written: number; inGroups: number }> {
  return NEW_SCHEMA_TABLES.filter((t) => written[t] > allowed[t]).map((t) => ({ table: t, written: written[t], inGroups: allowed[t] }));
}
