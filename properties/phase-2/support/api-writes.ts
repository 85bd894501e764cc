/**
 * Generated calls of Phase 1's dual-write API (src/migration/phase-1), made on the harness's own
 * (owner) connection as Phase 1's properties make them. The plan's Edge Function would call it as
 * service_role; on the Supabase shim service_role cannot read auth.users, which the API reads as
 * the invoker (a Phase 1 question, reported). Both bypass RLS. Calls point at legacy rows by index (modulo the rows present when they
 * run); a refused call (DualWriteError: quarantined week, no such habit…) writes nothing and counts.
 */
import fc from 'fast-check';
import type pg from 'pg';
import type { Status } from '../../../src/generate/dataset.ts';
import { STATUSES } from '../../../src/generate/dataset.ts';
import { reflectionArbitrary, rewardArbitrary, themeArbitrary } from '../../../src/generate/faker-arbitrary.ts';
import { HABIT_ACTIVITIES, HABIT_PREFIXES, habitName } from '../../../src/generate/vocabulary.ts';
import { addDaysIso } from '../../../src/migration/mapping-rules.ts';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import { bindDualWrite } from '../../../src/contract/dual-write.ts';
import { isRejection } from '../../../src/contract/dual-write-error.ts';

export type ApiWrite =
  | { op: 'setStatus'; row: number; habit: number; day: number; status: Status }
  | { op: 'renameHabit'; row: number; habit: number; name: string }
  | { op: 'addHabit'; row: number; name: string }
  | { op: 'removeHabit'; row: number; habit: number }
  | { op: 'reorderHabits'; row: number; rotate: number }
  | { op: 'setTheme'; row: number; theme: string | null }
  | { op: 'setReflection'; row: number; reflection: Record<string, string> | null }
  | { op: 'setReward'; row: number; reward: string | null }
  | { op: 'deleteWeek'; row: number }
  | { op: 'createWeek'; row: number; weeksAhead: number; habits: string[] };

const o = { noNullPrototype: true } as const;
const row = fc.nat({ max: 63 });
const habit = fc.nat({ max: 15 });
const name = fc.tuple(fc.constantFrom(...HABIT_PREFIXES), fc.constantFrom(...HABIT_ACTIVITIES)).map(([p, a]) => habitName(p, a));

export function apiWriteArbitrary(): fc.Arbitrary<ApiWrite> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('setStatus' as const), row, habit, day: fc.nat({ max: 6 }), status: fc.constantFrom(...STATUSES) }, o) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('renameHabit' as const), row, habit, name }, o) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('addHabit' as const), row, name }, o) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('removeHabit' as const), row, habit }, o) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('reorderHabits' as const), row, rotate: fc.integer({ min: 1, max: 7 }) }, o) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('setTheme' as const), row, theme: fc.option(themeArbitrary(), { nil: null }) }, o) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('setReflection' as const), row, reflection: fc.option(reflectionArbitrary(), { nil: null }) }, o) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('setReward' as const), row, reward: fc.option(rewardArbitrary(), { nil: null }) }, o) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteWeek' as const), row }, o) },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('createWeek' as const), row, weeksAhead: fc.integer({ min: 1, max: 3 }), habits: fc.array(name, { maxLength: 4 }) }, o),
    },
  );
}

export interface ApiOutcome {
  applied: number;
  refused: number;
}

interface Target {
  id: string;
  user_id: string | null;
  child_name: string;
  habits: number;
  next_monday: string;
}

/** Sends each call, one request (one transaction) each, with its own idempotency key. */
export async function applyApiWrites(client: pg.ClientBase, calls: readonly ApiWrite[], keyPrefix: string, impl: MigrationImplementation): Promise<ApiOutcome> {
  const out: ApiOutcome = { applied: 0, refused: 0 };
  for (const [i, call] of calls.entries()) {
    const { rows } = await client.query<Target>(
      `SELECT h.id::text, h.user_id::text, h.child_name,
              CASE WHEN jsonb_typeof(h.habits) = 'array' THEN jsonb_array_length(h.habits) ELSE 0 END AS habits,
              to_char((SELECT max(x.week_start_date) FROM public.habit_tracker x
                        WHERE x.user_id IS NOT DISTINCT FROM h.user_id AND x.child_name = h.child_name), 'YYYY-MM-DD') AS next_monday
         FROM public.habit_tracker h ORDER BY h.id`,
    );
    if (rows.length === 0) continue;
    const t = rows[call.row % rows.length]!;
    const legacyId = Number(t.id);
    const at = (k: number) => k % Math.max(1, t.habits);
    const key = `${keyPrefix}-${i}`;
    try {
      await (async () => {
        const api = bindDualWrite(impl.dualWrite, client);
        switch (call.op) {
          case 'setStatus':
            return api.setStatus(key, { legacyId, habitIndex: at(call.habit), day: call.day, status: call.status });
          case 'renameHabit':
            return api.renameHabit(key, { legacyId, habitIndex: at(call.habit), name: call.name });
          case 'addHabit':
            return api.addHabit(key, { legacyId, name: call.name });
          case 'removeHabit':
            return api.removeHabit(key, { legacyId, habitIndex: at(call.habit) });
          case 'reorderHabits':
            return api.reorderHabits(key, { legacyId, order: Array.from({ length: t.habits }, (_, j) => (j + call.rotate) % t.habits) });
          case 'setTheme':
            return api.setTheme(key, { legacyId, theme: call.theme });
          case 'setReflection':
            return api.setReflection(key, { legacyId, reflection: call.reflection });
          case 'setReward':
            return api.setReward(key, { legacyId, reward: call.reward });
          case 'deleteWeek':
            return api.deleteWeek(key, { legacyId });
          case 'createWeek':
            if (t.user_id === null) return undefined;
            return api.createWeek(key, {
              userId: t.user_id,
              childName: t.child_name,
              weekStartDate: addDaysIso(t.next_monday, 7 * call.weeksAhead),
              habits: call.habits,
            });
        }
      })();
      out.applied++;
    } catch (err) {
      if (!isRejection(err)) throw err;
      out.refused++;
    }
  }
  return out;
}
