/**
 * The new schema's week of each legacy row, through the implementation (Observation.weekIds): how a
 * property aims at one legacy row's week without knowing how the implementation links them.
 */
import type pg from 'pg';
import { NotProvidedError, type MigrationImplementation } from '../../src/contract/implementation.ts';

/** weeks.id (as text) by legacy id, ordered by legacy id; NotProvidedError when the implementation cannot say. */
export async function weekIdsOf(impl: MigrationImplementation, client: pg.ClientBase): Promise<Map<number, string>> {
  if (!impl.observe.weekIds) throw new NotProvidedError(impl.name, "each legacy row's week in the new schema (observe.weekIds)");
  return impl.observe.weekIds(client);
}

/** A legacy row's week in the new schema, with what properties pick it by. */
export interface LegacyRowWeek {
  legacyId: number;
  /** weeks.id */
  id: string;
  childId: string;
  /** The child's name (children.name). */
  childName: string;
  userId: string;
  /** How many habits the week has. */
  habits: number;
}

/** The weeks of `weekIds` as the new schema holds them, in legacy id order (a week no longer there is left out). */
export async function weeksOf(client: pg.ClientBase, weekIds: ReadonlyMap<number, string>): Promise<LegacyRowWeek[]> {
  const { rows } = await client.query<Omit<LegacyRowWeek, 'legacyId'>>(
    `SELECT w.id::text AS id, w.child_id::text AS "childId", c.name AS "childName", w.user_id::text AS "userId",
            (SELECT count(*)::int FROM public.habits h WHERE h.week_id = w.id) AS habits
       FROM public.weeks w LEFT JOIN public.children c ON c.id = w.child_id
      WHERE w.id::text = ANY ($1::text[])`,
    [[...weekIds.values()]],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return [...weekIds].flatMap(([legacyId, id]) => {
    const w = byId.get(id);
    return w ? [{ legacyId, ...w }] : [];
  });
}
