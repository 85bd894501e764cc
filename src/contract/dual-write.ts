/**
 * The app's write operations during dual write (Phase 1), as the harness sends them and any
 * implementation answers them: one request per call, with an idempotency key. The vocabulary the
 * properties, the model of the app and every implementation share.
 */
import type pg from 'pg';
import type { Status } from '../migration/mapping-rules.ts';

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

/** The dual-write API of an implementation. */
export interface DualWrite {
  /**
   * Sends one request. Resolves with the response (the stored one when the key was seen before);
   * rejects with a DualWriteError when the API refused it (nothing written), or with Postgres's own
   * error (a fault: nothing written either).
   */
  call<O extends DualWriteOp>(db: pg.ClientBase, key: string, op: O, request: DualWriteRequests[O]): Promise<DualWriteResult<DualWriteResponses[O]>>;
}

/** Every operation of the API, in a stable order. */
export const DUAL_WRITE_OPS: readonly DualWriteOp[] = [
  'createWeek', 'addHabit', 'renameHabit', 'removeHabit', 'reorderHabits', 'setStatus',
  'setTheme', 'setReflection', 'setReward', 'deleteWeek', 'createTemplate',
];

/** The API bound to one connection: `api.addHabit(key, { legacyId, name })`. */
export type DualWriteApi = {
  [O in DualWriteOp]: (key: string, request: DualWriteRequests[O]) => Promise<DualWriteResult<DualWriteResponses[O]>>;
};

export function bindDualWrite(dualWrite: DualWrite, db: pg.ClientBase): DualWriteApi {
  return Object.fromEntries(DUAL_WRITE_OPS.map((op) => [op, (key: string, request: never) => dualWrite.call(db, key, op, request)])) as DualWriteApi;
}
