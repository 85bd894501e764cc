/**
 * A range of legacy ids, (afterId, throughId]: how the harness reads an observation a page at a time
 * (an end left out is open). `legacyView` and `quarantine` take one so that `check` never holds a
 * whole table.
 */
export interface IdRange {
  afterId?: number;
  throughId?: number;
}

/** `col > a AND col <= b` for a range (`true` for none), its ends checked to be integers. */
export function idRangeSql(column: string, range: IdRange | undefined): string {
  const parts: string[] = [];
  for (const [op, v] of [['>', range?.afterId], ['<=', range?.throughId]] as const) {
    if (v === undefined) continue;
    if (!Number.isSafeInteger(v)) throw new TypeError(`an id range end must be an integer, got ${String(v)}`);
    parts.push(`${column} ${op} ${v}`);
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

/** Whether an id lies in the range. */
export function inIdRange(id: number, range: IdRange | undefined): boolean {
  return (range?.afterId === undefined || id > range.afterId) && (range?.throughId === undefined || id <= range.throughId);
}
