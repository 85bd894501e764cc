/**
 * The app's write operations during Phase 1, as thin wrappers over `hv_dual_write` (plpgsql).
 *
 * Why plpgsql and not TypeScript statements: one call is one statement, hence one transaction and
 * one round trip, whatever the operation. The idempotency claim, the locks, both schemas' writes and
 * the stored response commit or roll back together, also when the client disappears mid-request (a
 * terminated connection, a timeout): there is no window in which the client holds a half-done
 * transaction open. Idempotency, validation and the mapping rules live next to the backfill's SQL
 * they must agree with. These wrappers only name the operation, send the request as JSON and turn
 * rejections into typed errors.
 */
import type pg from 'pg';
import type { MigrationOptions } from '../migration-options.ts';
import type { Status } from '../../generate/dataset.ts';
import { toDualWriteError } from './dual-write-error.ts';

/** Which legacy row (habit_tracker.id) a week operation is about: what the Phase 1 app reads. */
export interface WeekRef {
  legacyId: number;
}

export interface CreateWeekRequest {
  userId: string;
  childName: string;
  /** A Monday, YYYY-MM-DD. */
  weekStartDate: string;
  theme?: string | null;
  reward?: string | null;
  reflection?: Record<string, unknown> | null;
  /** Habit names, or `templateId` (a template of the same user) to take them from. */
  habits?: string[];
  templateId?: string;
}
export interface AddHabitRequest extends WeekRef { name: string }
export interface RenameHabitRequest extends WeekRef { habitIndex: number; name: string }
export interface RemoveHabitRequest extends WeekRef { habitIndex: number }
/** `order[newPosition] = oldIndex`: a permutation of the week's habit indexes. */
export interface ReorderHabitsRequest extends WeekRef { order: number[] }
/** `day` 0 = Monday … 6 = Sunday. */
export interface SetStatusRequest extends WeekRef { habitIndex: number; day: number; status: Status }
export interface SetThemeRequest extends WeekRef { theme: string | null }
export interface SetReflectionRequest extends WeekRef { reflection: Record<string, unknown> | null }
export interface SetRewardRequest extends WeekRef { reward: string | null }
export type DeleteWeekRequest = WeekRef;
export interface CreateTemplateRequest {
  userId: string;
  name: string;
  description?: string | null;
  habits: string[];
  /** A child of the same user that the new schema already has. */
  childName?: string | null;
  isDefault?: boolean;
}

/** opSeq: the write's number; two writes of one week are applied in opSeq order. */
export interface WeekResponse { legacyId: number; weekId: string; opSeq: number }
export interface CreateWeekResponse { legacyId: number; weekId: string | null; created: boolean; opSeq: number }
export interface AddHabitResponse extends WeekResponse { habitIndex: number; habitId: string }
export interface DeleteWeekResponse { legacyId: number; weekId: string; opSeq: number }
export interface CreateTemplateResponse { templateId: string; opSeq: number }

export interface DualWriteRequests {
  createWeek: CreateWeekRequest;
  addHabit: AddHabitRequest;
  renameHabit: RenameHabitRequest;
  removeHabit: RemoveHabitRequest;
  reorderHabits: ReorderHabitsRequest;
  setStatus: SetStatusRequest;
  setTheme: SetThemeRequest;
  setReflection: SetReflectionRequest;
  setReward: SetRewardRequest;
  deleteWeek: DeleteWeekRequest;
  createTemplate: CreateTemplateRequest;
}
export interface DualWriteResponses {
  createWeek: CreateWeekResponse;
  addHabit: AddHabitResponse;
  renameHabit: WeekResponse;
  removeHabit: WeekResponse;
  reorderHabits: WeekResponse;
  setStatus: WeekResponse;
  setTheme: WeekResponse;
  setReflection: WeekResponse;
  setReward: WeekResponse;
  deleteWeek: DeleteWeekResponse;
  createTemplate: CreateTemplateResponse;
}
export type DualWriteOp = keyof DualWriteRequests;

/** A completed request; `replayed`: the key had been used by an identical request, nothing ran again. */
export interface DualWriteResult<R> {
  response: R;
  replayed: boolean;
}

/**
 * Sends one request. Resolves with the response (the stored one when the key was seen before);
 * rejects with a DualWriteError when the API refused it (nothing written), or with Postgres's own
 * error (a fault: nothing written either, the transaction rolled back).
 */
export async function dualWrite<O extends DualWriteOp>(
  client: pg.ClientBase,
  key: string,
  op: O,
  request: DualWriteRequests[O],
  opts: MigrationOptions = {},
): Promise<DualWriteResult<DualWriteResponses[O]>> {
  if (opts.defect === 'dual-write-two-transactions' && op !== 'createTemplate') return twoTransactions(client, key, op, request);
  try {
    const { rows } = await client.query<{ result: DualWriteResponses[O]; replayed: boolean }>(
      'SELECT result, replayed FROM public.hv_dual_write($1, $2, $3::jsonb)',
      [key, op, JSON.stringify(request)],
    );
    return { response: rows[0]!.result, replayed: rows[0]!.replayed };
  } catch (err) {
    throw toDualWriteError(err, op, key) ?? err;
  }
}

/**
 * Defect dual-write-two-transactions: the plan's Promise.all([writeToOldSchema, writeToNewSchema]).
 * Both halves are sent whatever happens to the other; on one connection they run one after the other
 * (legacy first), and the caller sees the state both left.
 */
async function twoTransactions<O extends DualWriteOp>(
  client: pg.ClientBase,
  key: string,
  op: O,
  request: DualWriteRequests[O],
): Promise<DualWriteResult<DualWriteResponses[O]>> {
  const half = (part: 'legacy' | 'new') =>
    client.query<{ result: DualWriteResponses[O]; replayed: boolean }>(
      'SELECT result, replayed FROM public.hv_dual_write($1, $2, $3::jsonb, $4)',
      [key, op, JSON.stringify(request), part],
    );
  const settle = <T>(p: Promise<T>) => p.then((value) => ({ status: 'fulfilled' as const, value }), (reason: unknown) => ({ status: 'rejected' as const, reason }));
  const legacy = await settle(half('legacy'));
  const fresh = await settle(half('new'));
  for (const r of [legacy, fresh]) if (r.status === 'rejected') throw toDualWriteError(r.reason, op, key) ?? r.reason;
  const l = (legacy as { value: pg.QueryResult<{ result: DualWriteResponses[O]; replayed: boolean }> }).value.rows[0]!;
  const n = (fresh as { value: pg.QueryResult<{ result: DualWriteResponses[O]; replayed: boolean }> }).value.rows[0]!;
  return { response: { ...l.result, ...n.result }, replayed: l.replayed };
}

/** The API bound to one connection: `api.addHabit(key, { legacyId, name })`. */
export type DualWriteApi = {
  [O in DualWriteOp]: (key: string, request: DualWriteRequests[O]) => Promise<DualWriteResult<DualWriteResponses[O]>>;
};

export function dualWriteApi(client: pg.ClientBase, opts: MigrationOptions = {}): DualWriteApi {
  const bind = <O extends DualWriteOp>(op: O) => (key: string, request: DualWriteRequests[O]) => dualWrite(client, key, op, request, opts);
  return {
    createWeek: bind('createWeek'),
    addHabit: bind('addHabit'),
    renameHabit: bind('renameHabit'),
    removeHabit: bind('removeHabit'),
    reorderHabits: bind('reorderHabits'),
    setStatus: bind('setStatus'),
    setTheme: bind('setTheme'),
    setReflection: bind('setReflection'),
    setReward: bind('setReward'),
    deleteWeek: bind('deleteWeek'),
    createTemplate: bind('createTemplate'),
  };
}
