/**
 * The rows of the new schema seen as families: for each owner, the ids an attacker would aim at,
 * and what each table must show that owner. Read as the superuser (RLS does not apply to it).
 */
import type pg from 'pg';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import { fromDayNumber, isoWeekday, toDayNumber } from '../../../src/migration/mapping-rules.ts';

/** One id of each kind belonging to one family (its first, by id). */
export interface FamilyIds {
  user: string;
  child: string;
  week: string;
  /** The child of `week` (moving the week onto it is a no-op for its owner). */
  weekChild: string;
  habit: string;
  record: string;
  /** The habit of `record`. */
  recordHabit: string;
  template: string;
  notification: string;
}

/** The plan's tables the API may expose, with the SQL (as superuser) of the ids a user must see in each. */
const PLAN_TABLES: Record<string, { select: string; own: string }> = {
  children: { select: 'SELECT id::text FROM public.children', own: 'SELECT id::text FROM public.children WHERE user_id = $1' },
  weeks: { select: 'SELECT id::text FROM public.weeks', own: 'SELECT id::text FROM public.weeks WHERE user_id = $1' },
  habits: {
    select: 'SELECT id::text FROM public.habits',
    own: 'SELECT h.id::text FROM public.habits h JOIN public.weeks w ON w.id = h.week_id WHERE w.user_id = $1',
  },
  habit_records: {
    select: 'SELECT id::text FROM public.habit_records',
    own: `SELECT r.id::text FROM public.habit_records r JOIN public.habits h ON h.id = r.habit_id
            JOIN public.weeks w ON w.id = h.week_id WHERE w.user_id = $1`,
  },
  habit_templates: { select: 'SELECT id::text FROM public.habit_templates', own: 'SELECT id::text FROM public.habit_templates WHERE user_id = $1' },
  notifications: { select: 'SELECT id::text FROM public.notifications', own: 'SELECT id::text FROM public.notifications WHERE user_id = $1' },
};

/** Relations the API may expose: the plan's tables, then the implementation's legacy view if it has one. */
export function visibleRelations(impl: MigrationImplementation): Record<string, { select: string; own: string }> {
  const view = impl.observe.relations?.legacyView;
  if (!view) return PLAN_TABLES;
  const t = `public.${quoteIdent(view)}`;
  return { ...PLAN_TABLES, [view]: { select: `SELECT id::text FROM ${t}`, own: `SELECT id::text FROM ${t} WHERE user_id = $1` } };
}

/** Relations no API role may read at all: the implementation's bookkeeping. */
export function closedRelations(impl: MigrationImplementation): readonly string[] {
  return impl.observe.relations?.internal ?? [];
}

const quoteIdent = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/** Gives every family a template (on its first child) and a notification mentioned by the next family. */
export async function addTemplatesAndNotifications(client: pg.ClientBase, owners: readonly string[]): Promise<void> {
  await client.query(
    `INSERT INTO public.habit_templates (user_id, child_id, name, habits)
     SELECT o.u, (SELECT c.id FROM public.children c WHERE c.user_id = o.u ORDER BY c.id LIMIT 1), '기본 습관', '[{"name": "양치"}]'
       FROM unnest($1::uuid[]) AS o(u)`,
    [owners],
  );
  await client.query(
    `INSERT INTO public.notifications (user_id, from_user_id, type, title, message)
     SELECT o.u, o.next, 'mention', '멘션', '확인해 주세요'
       FROM (SELECT x.u, lead(x.u) OVER (ORDER BY x.u) AS next FROM unnest($1::uuid[]) AS x(u)) o`,
    [owners],
  );
}

export async function familyIds(client: pg.ClientBase, user: string): Promise<FamilyIds | undefined> {
  const { rows } = await client.query<FamilyIds>(
    `SELECT $1::text AS user,
            (SELECT c.id::text FROM public.children c WHERE c.user_id = $1 ORDER BY c.id LIMIT 1) AS child,
            w.id::text AS week, w.child_id::text AS "weekChild",
            (SELECT h.id::text FROM public.habits h JOIN public.weeks w2 ON w2.id = h.week_id WHERE w2.user_id = $1 ORDER BY h.id LIMIT 1) AS habit,
            r.id::text AS record, r.habit_id::text AS "recordHabit",
            (SELECT t.id::text FROM public.habit_templates t WHERE t.user_id = $1 ORDER BY t.id LIMIT 1) AS template,
            (SELECT n.id::text FROM public.notifications n WHERE n.user_id = $1 ORDER BY n.id LIMIT 1) AS notification
       FROM public.weeks w
       LEFT JOIN LATERAL (SELECT r.id, r.habit_id FROM public.habit_records r JOIN public.habits h ON h.id = r.habit_id
                           JOIN public.weeks w3 ON w3.id = h.week_id WHERE w3.user_id = $1 ORDER BY r.id LIMIT 1) r ON true
      WHERE w.user_id = $1 ORDER BY w.id LIMIT 1`,
    [user],
  );
  const ids = rows[0];
  return ids && Object.values(ids).every((v) => v !== null) ? ids : undefined;
}

/** The first Monday on or after an ISO date. */
export function mondayFrom(iso: string): string {
  const d = toDayNumber(iso);
  return fromDayNumber(d + ((8 - isoWeekday(iso)) % 7));
}
