/**
 * Phase 2's read path: every read served in the legacy shape, from the schema the router picks for
 * the requesting user; in compare mode a user routed to the new schema is served from legacy and the
 * new read runs beside it as the candidate (experiment.ts).
 */
import type pg from 'pg';
import type { ReadPath, ReadRequest, Served, WeekReaders } from '../../contract/read-path.ts';
import { describeKey } from '../../contract/legacy-week.ts';
import { readWeekLegacy, listWeeksLegacy } from '../../contract/legacy-read.ts';
import { NEW_WEEK_SELECT, newReader } from './read-new.ts';
import { bucketOf, readsFromNew } from './router.ts';
import { experiment } from './experiment.ts';

/** What the read path is made of (a broken variant replaces one). */
export interface ReadPathParts {
  /** The router. */
  routesToNew(userId: string, flags: ReadRequest['flags']): boolean;
  /** The new read's SELECT (legacy shape, without WHERE). */
  newWeekSelect: string;
  /** Compare mode runs the candidate in a savepoint, so its error cannot abort the request. */
  isolateCandidate: boolean;
}

export const READ_PATH_PARTS: ReadPathParts = { routesToNew: readsFromNew, newWeekSelect: NEW_WEEK_SELECT, isolateCandidate: true };

export interface OurReadPath extends ReadPath {
  readonly parts: ReadPathParts;
  with(parts: Partial<ReadPathParts>): OurReadPath;
}

export function ourReadPath(parts: ReadPathParts = READ_PATH_PARTS): OurReadPath {
  const readers: WeekReaders = { legacy: { week: readWeekLegacy, list: listWeeksLegacy }, new: newReader(parts.newWeekSelect) };

  async function route<T>(db: pg.ClientBase, req: ReadRequest, operation: string, key: Record<string, unknown>, legacy: () => Promise<T>, neu: () => Promise<T>): Promise<Served<T>> {
    if (!parts.routesToNew(req.userId, req.flags)) return { value: await legacy(), source: 'legacy' };
    if (!req.flags.compare) return { value: await neu(), source: 'new' };
    const { value, mismatch } = await experiment(db, legacy, neu, { operation, key, isolate: parts.isolateCandidate });
    return { value, source: 'legacy', ...(mismatch ? { mismatch } : {}) };
  }

  return {
    parts,
    with: (next) => ourReadPath({ ...parts, ...next }),
    routesToNew: (userId, flags) => parts.routesToNew(userId, flags),
    bucketOf,
    readers,
    week(db, key, req, opts = {}) {
      const r = opts.readers ?? readers;
      return route(db, req, 'read_week', describeKey(key), () => r.legacy.week(db, key), () => r.new.week(db, key));
    },
    list(db, req, opts = {}) {
      const r = opts.readers ?? readers;
      return route(db, req, 'list_weeks', { userId: req.userId }, () => r.legacy.list(db, req.userId), () => r.new.list(db, req.userId));
    },
  };
}
