/**
 * The dual-write API's limits on a request, as any implementation must enforce them: past a limit
 * the request is refused as `invalid_request` and nothing is written (a habit index past the week's
 * habits: `habit_not_found`). Lengths count characters (code points), as Postgres's length() does.
 */
export const REQUEST_LIMITS = {
  /** An idempotency key: 1 to this many characters. */
  keyLength: 200,
  /** A habit's name (may be empty, as legacy data has them). */
  habitName: 200,
  /** Habits of one createWeek or createTemplate. */
  habitsPerRequest: 100,
  /** A child's name: 1 to this many characters (the children.name CHECK). */
  childName: 100,
  /** A template's name: 1 to this many characters. */
  templateName: 100,
  /** theme, reward, a template's description. */
  freeText: 1000,
  /** habitIndex: a non-negative integer up to this (then checked against the week's habits). */
  habitIndex: 1_000_000,
} as const;
