/**
 * Cross-family writes, each paired with its control: the same statement aimed at the attacker's own
 * rows. The attack must be rejected (42501) or touch no row; the control must succeed where the
 * owner may do it — so a policy that denies everything does not pass for an isolating one.
 */
import type { FamilyIds } from './family-world.ts';
import { addDaysIso } from '../../../src/migration/mapping-rules.ts';
import { mondayFrom } from './family-world.ts';

export interface Attack {
  name: string;
  /** target: the victim's ids (attack) or the attacker's own (control); self: the attacker's. */
  sql(target: FamilyIds, self: FamilyIds): [string, unknown[]];
  /** What the owner may do with their own rows through the API. */
  control: 'allowed' | 'rejected';
}

const MONDAY = mondayFrom('2199-01-01');
const MONDAY2 = addDaysIso(MONDAY, 7);
const FAR = '2199-12-31';

const del = (table: string, key: keyof FamilyIds): Attack => ({
  name: `delete-${table}`,
  sql: (t) => [`DELETE FROM public.${table} WHERE id = $1`, [t[key]]],
  control: 'allowed',
});

export const ATTACKS: readonly Attack[] = [
  // inserts into another family
  { name: 'insert-child', sql: (t) => [`INSERT INTO public.children (user_id, name) VALUES ($1, 'hv-attack')`, [t.user]], control: 'allowed' },
  {
    name: 'insert-week',
    sql: (t) => [`INSERT INTO public.weeks (user_id, child_id, week_start_date, week_end_date) VALUES ($1, $2, $3, $4)`, [t.user, t.child, MONDAY, addDaysIso(MONDAY, 6)]],
    control: 'allowed',
  },
  {
    name: 'insert-week-under-their-child',
    sql: (t, a) => [`INSERT INTO public.weeks (user_id, child_id, week_start_date, week_end_date) VALUES ($1, $2, $3, $4)`, [a.user, t.child, MONDAY, addDaysIso(MONDAY, 6)]],
    control: 'allowed',
  },
  {
    name: 'insert-week-with-their-template',
    sql: (t, a) => [
      `INSERT INTO public.weeks (user_id, child_id, week_start_date, week_end_date, template_id) VALUES ($1, $2, $3, $4, $5)`,
      [a.user, a.child, MONDAY2, addDaysIso(MONDAY2, 6), t.template],
    ],
    control: 'allowed',
  },
  { name: 'insert-habit', sql: (t) => [`INSERT INTO public.habits (week_id, name) VALUES ($1, 'hv-attack')`, [t.week]], control: 'allowed' },
  {
    name: 'insert-record',
    sql: (t) => [`INSERT INTO public.habit_records (habit_id, record_date, status) VALUES ($1, $2, 'green')`, [t.habit, FAR]],
    control: 'allowed',
  },
  { name: 'insert-template', sql: (t) => [`INSERT INTO public.habit_templates (user_id, name) VALUES ($1, 'hv-attack')`, [t.user]], control: 'allowed' },
  {
    name: 'insert-template-for-their-child',
    sql: (t, a) => [`INSERT INTO public.habit_templates (user_id, child_id, name) VALUES ($1, $2, 'hv-attack')`, [a.user, t.child]],
    control: 'allowed',
  },
  {
    name: 'insert-notification',
    sql: (t) => [`INSERT INTO public.notifications (user_id, type, title, message) VALUES ($1, 'chat', 'hv', 'attack')`, [t.user]],
    control: 'rejected', // the server writes notifications
  },
  // updates of another family's rows
  { name: 'update-child', sql: (t) => [`UPDATE public.children SET avatar_url = 'hv-attack' WHERE id = $1`, [t.child]], control: 'allowed' },
  { name: 'update-week', sql: (t) => [`UPDATE public.weeks SET theme = 'hv-attack' WHERE id = $1`, [t.week]], control: 'allowed' },
  { name: 'update-habit', sql: (t) => [`UPDATE public.habits SET name = 'hv-attack' WHERE id = $1`, [t.habit]], control: 'allowed' },
  { name: 'update-record', sql: (t) => [`UPDATE public.habit_records SET status = 'red' WHERE id = $1`, [t.record]], control: 'allowed' },
  { name: 'update-template', sql: (t) => [`UPDATE public.habit_templates SET name = 'hv-attack' WHERE id = $1`, [t.template]], control: 'allowed' },
  { name: 'mark-notification-read', sql: (t) => [`UPDATE public.notifications SET is_read = true WHERE id = $1`, [t.notification]], control: 'allowed' },
  { name: 'rewrite-notification', sql: (t) => [`UPDATE public.notifications SET title = 'hv-attack' WHERE id = $1`, [t.notification]], control: 'rejected' },
  // moving one's own rows into another family
  { name: 'give-away-child', sql: (t, a) => [`UPDATE public.children SET user_id = $1 WHERE id = $2`, [t.user, a.child]], control: 'allowed' },
  { name: 'give-away-week', sql: (t, a) => [`UPDATE public.weeks SET user_id = $1 WHERE id = $2`, [t.user, a.week]], control: 'allowed' },
  { name: 'move-week-to-their-child', sql: (t, a) => [`UPDATE public.weeks SET child_id = $1 WHERE id = $2`, [t.weekChild, a.week]], control: 'allowed' },
  { name: 'move-habit-to-their-week', sql: (t, a) => [`UPDATE public.habits SET week_id = $1 WHERE id = $2`, [t.week, a.habit]], control: 'allowed' },
  { name: 'move-record-to-their-habit', sql: (t, a) => [`UPDATE public.habit_records SET habit_id = $1 WHERE id = $2`, [t.recordHabit, a.record]], control: 'allowed' },
  { name: 'move-template-to-their-child', sql: (t, a) => [`UPDATE public.habit_templates SET child_id = $1 WHERE id = $2`, [t.child, a.template]], control: 'allowed' },
  // deletes
  del('children', 'child'),
  del('weeks', 'week'),
  del('habits', 'habit'),
  del('habit_records', 'record'),
  del('habit_templates', 'template'),
  del('notifications', 'notification'),
  // TRUNCATE is not subject to RLS at all: only the privilege stands in the way
  { name: 'truncate-habit-records', sql: () => ['TRUNCATE public.habit_records', []], control: 'rejected' },
];
