/**
 * The anomaly catalogue: every kind of odd legacy data the generator can inject, with what the
 * migration must do about it (see ../migration/mapping-rules.ts) and a pure detector.
 *
 * Entries are applied to a row in catalogue order; a later entry may undo an earlier one (habits
 * replaced by a string, say) or add to it, so a dataset's `anomalies` labels are recomputed from the
 * finished rows (label-rows.ts).
 */
import type { AnomalyEntry } from './anomaly/define.ts';
import { ANOMALY_IDS, type AnomalyId } from './anomaly-id.ts';
import { childName100CodePoints, childName101CodePoints, childNameCombiningMark, childNameEmoji, childNameEmpty } from './anomaly/child-name.ts';
import {
  habitNameEmpty,
  habitNameInvalid,
  habitNamesDuplicate,
  habitNotObject,
  habitUnknownKeys,
  habitsEmpty,
  habitsJsonNull,
  habitsNotArray,
  habitsNull,
  manyHabits,
} from './anomaly/habits.ts';
import { duplicateWeek, nearDuplicateChildNfcNfd, nearDuplicateChildWhitespace, sameChildNameOtherFamily } from './anomaly/identity.ts';
import { ownerNilUuid, ownerNull, ownerUnknown } from './anomaly/owner.ts';
import { reflectionFreeform, reflectionJsonNull, reflectionNotObject, reflectionNull } from './anomaly/reflection.ts';
import { textSqlMetacharacters, textUnicode } from './anomaly/text.ts';
import { textEdgeWhitespace, textEmptyString, textNfd, textVeryLong, textZeroWidth } from './anomaly/text-edges.ts';
import {
  statusCase,
  statusNone,
  statusNotString,
  statusNull,
  statusUnknown,
  timesMissing,
  timesNotArray,
  timesShort,
  timesTooLong,
} from './anomaly/times.ts';
import { farFutureWeek, farPastWeek, leapDayWeek, weekNotMonday, weekPeriodMismatch, yearBoundaryWeek } from './anomaly/week.ts';

export type { AnomalyEntry, Injection, InjectionContext, JsonColumn, RowDraft, Treatment } from './anomaly/define.ts';
export { codePointLength, collapseWhitespace, nearDuplicateKey } from './anomaly/inspect.ts';

/** The edges of free text (anomaly/text-edges.ts): a property that compares free text can draw rows that all carry one. */
export const FREE_TEXT_EDGES: readonly AnomalyId[] = ['text_edge_whitespace', 'text_empty_string', 'text_nfd', 'text_zero_width', 'text_very_long'];

/** The catalogue, in {@link ANOMALY_IDS} order. */
export const ANOMALIES: readonly AnomalyEntry[] = [
  sameChildNameOtherFamily,
  nearDuplicateChildNfcNfd,
  nearDuplicateChildWhitespace,
  duplicateWeek,
  ownerNull,
  ownerUnknown,
  ownerNilUuid,
  childNameEmpty,
  childName100CodePoints,
  childName101CodePoints,
  childNameEmoji,
  childNameCombiningMark,
  weekNotMonday,
  leapDayWeek,
  yearBoundaryWeek,
  farPastWeek,
  farFutureWeek,
  habitsNull,
  habitsJsonNull,
  habitsEmpty,
  habitsNotArray,
  manyHabits,
  habitNotObject,
  habitNameInvalid,
  habitUnknownKeys,
  habitNameEmpty,
  habitNamesDuplicate,
  timesMissing,
  timesNotArray,
  timesShort,
  timesTooLong,
  statusNull,
  statusNone,
  statusCase,
  statusUnknown,
  statusNotString,
  reflectionNull,
  reflectionJsonNull,
  reflectionNotObject,
  reflectionFreeform,
  textSqlMetacharacters,
  textUnicode,
  textEdgeWhitespace,
  textEmptyString,
  textNfd,
  textZeroWidth,
  textVeryLong,
  weekPeriodMismatch,
];

const BY_ID = new Map(ANOMALIES.map((a) => [a.id, a]));

/** The catalogue entry of an id (throws RangeError for an unknown id). */
export function anomalyById(id: AnomalyId): AnomalyEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new RangeError(`unknown anomaly id: ${JSON.stringify(id)}`);
  return entry;
}

