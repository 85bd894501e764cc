import type pg from 'pg';
import type { MigrationOptions } from '../migration-options.ts';
import { describeKey, type LegacyWeek, type WeekKey } from './legacy-week.ts';
import { readWeekLegacy, listWeeksLegacy } from './read-legacy.ts';
import { readWeekNew, listWeeksNew } from './read-new.ts';
import { readsFromNew, type ReadFlags } from './router.ts';
import { experiment, type ReadMismatch } from './experiment.ts';

/** Who reads, under which flags. The router buckets on the requesting user (auth.uid()), not on the week's owner. */
export interface ReadRequest {
  userId: string;
  flags: ReadFlags;
}

/** A served read: the value, which schema served it, and the compare-mode mismatch if there was one. */
export interface Served<T> {
  value: T;
  source: 'legacy' | 'new';
  mismatch?: ReadMismatch;
}

/** The two sides a read can be served from (replaceable for tests of the compare machinery). */
export interface WeekReaders {
  legacy: { week: typeof readWeekLegacy; list: typeof listWeeksLegacy };
  new: { week: typeof readWeekNew; list: typeof listWeeksNew };
}

export const DEFAULT_READERS: WeekReaders = {
  legacy: { week: readWeekLegacy, list: listWeeksLegacy },
  new: { week: readWeekNew, list: listWeeksNew },
};

export interface ReadOptions extends MigrationOptions {
  readers?: WeekReaders;
}

/**
 * Reads one week for the requesting user, from the schema the router picks. In compare mode a user
 * routed to the new schema is served from legacy and the new read runs as the candidate.
 */
export async function readWeek(client: pg.ClientBase, key: WeekKey, req: ReadRequest, opts: ReadOptions = {}): Promise<Served<LegacyWeek | null>> {
  const r = opts.readers ?? DEFAULT_READERS;
  return route(client, req, opts, 'read_week', describeKey(key), () => r.legacy.week(client, key), () => r.new.week(client, key, opts));
}

/** Lists the requesting user's weeks, from the schema the router picks (compare mode as readWeek). */
export async function listWeeks(client: pg.ClientBase, req: ReadRequest, opts: ReadOptions = {}): Promise<Served<LegacyWeek[]>> {
  const r = opts.readers ?? DEFAULT_READERS;
  return route(client, req, opts, 'list_weeks', { userId: req.userId }, () => r.legacy.list(client, req.userId), () => r.new.list(client, req.userId, opts));
}

async function route<T>(
  client: pg.ClientBase,
  req: ReadRequest,
  opts: ReadOptions,
  operation: string,
  key: Record<string, unknown>,
  legacy: () => Promise<T>,
  neu: () => Promise<T>,
): Promise<Served<T>> {
  if (!readsFromNew(req.userId, req.flags, opts)) return { value: await legacy(), source: 'legacy' };
  if (!req.flags.compare) return { value: await neu(), source: 'new' };
  const { value, mismatch } = await experiment(client, legacy, neu, { ...opts, operation, key });
  return { value, source: 'legacy', ...(mismatch ? { mismatch } : {}) };
}
