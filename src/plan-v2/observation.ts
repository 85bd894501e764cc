/**
 * What the oracles observe of a database the plan migrated. The plan keeps no quarantine (a row it
 * cannot migrate is nowhere: []), records no warning ([]), no write order (writeNumber absent), no
 * compare-mode log (readMismatches absent) and no record of Phase 3 (retirement: undefined). Its weeks
 * carry no legacy id: weekIds matches them as the legacy view does (week-ids.ts). Of its own relations
 * only the Edge Function's idempotency_log is bookkeeping (the server's; no API role reads it). The write
 * path is 'legacy' while public.habit_tracker exists — the plan's Phase 3 SQL has no switch of its
 * own ("이중쓰기 비활성화" is a bullet, not a statement) — and 'new' once it is renamed or dropped.
 * contentQueries: the plan's four tables by content — ids are gen_random_uuid(), so two equal runs
 * differ in every id: rows are named by their natural keys (child name, week, habit order) instead,
 * and the columns only defaults fill (updated_at, a habit's or record's created_at) are left out.
 */
import type { Observation } from '../contract/observation.ts';
import { planDrift } from './detect-drift.ts';
import { planLegacyView } from './legacy-view.ts';
import { planWeekIds } from './week-ids.ts';

const WEEK_KEY = `LEFT JOIN public.children c ON c.id = w.child_id`;

export const CONTENT_QUERIES: Readonly<Record<string, string>> = {
  children: 'SELECT user_id, name, avatar_url, birth_date, created_at FROM public.children',
  weeks: `SELECT w.user_id, c.name AS child, w.week_start_date, w.week_end_date, w.theme, w.reflection, w.reward, w.template_id, w.created_at
            FROM public.weeks w ${WEEK_KEY}`,
  habits: `SELECT w.user_id, c.name AS child, w.week_start_date, h.name, h.time_period, h.display_order
             FROM public.habits h LEFT JOIN public.weeks w ON w.id = h.week_id ${WEEK_KEY}`,
  habit_records: `SELECT w.user_id, c.name AS child, w.week_start_date, h.display_order, h.name AS habit, r.record_date, r.status, r.note
                    FROM public.habit_records r LEFT JOIN public.habits h ON h.id = r.habit_id LEFT JOIN public.weeks w ON w.id = h.week_id ${WEEK_KEY}`,
};

export const planObservation: Observation = {
  legacyView: planLegacyView,
  quarantine: async () => [],
  warnings: async () => [],
  drift: planDrift,
  contentQueries: CONTENT_QUERIES,
  async writePath(db) {
    const { rows } = await db.query<{ legacy: boolean }>(`SELECT to_regclass('public.habit_tracker') IS NOT NULL AS legacy`);
    return rows[0]?.legacy ? 'legacy' : 'new';
  },
  retirement: async () => undefined,
  weekIds: planWeekIds,
  relations: { internal: ['idempotency_log'] },
};
