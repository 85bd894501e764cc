/**
 * Phase 2's read path as the plan writes it (Feature Flag 구현): getFeatureFlags() returns
 * useNewSchema and newSchemaPercentage, then `if (flags.useNewSchema) data = await
 * loadFromNewSchema(); else data = await loadFromOldSchema();` — the percentage is fetched and never
 * used, so at 5 % every user whose flag is on reads the new schema. The plan has no compare mode: the
 * `compare` flag is ignored (the read is served by the flag alone, no mismatch is recorded), and there
 * is no bucket. loadFromOldSchema is the old app's read (contract/legacy-read.ts); loadFromNewSchema
 * is read-new.ts.
 */
import type { ReadPath, ReadFlags, WeekReaders } from '../contract/read-path.ts';
import { listWeeksLegacy, readWeekLegacy } from '../contract/legacy-read.ts';
import { newSchemaReader } from './read-new.ts';

const routesToNew = (_userId: string, flags: ReadFlags): boolean => flags.useNewSchema;

const readers: WeekReaders = { legacy: { week: readWeekLegacy, list: listWeeksLegacy }, new: newSchemaReader };

export const planReadPath: ReadPath = {
  routesToNew,
  readers,
  async week(db, key, req, opts = {}) {
    const r = opts.readers ?? readers;
    return routesToNew(req.userId, req.flags) ? { value: await r.new.week(db, key), source: 'new' } : { value: await r.legacy.week(db, key), source: 'legacy' };
  },
  async list(db, req, opts = {}) {
    const r = opts.readers ?? readers;
    return routesToNew(req.userId, req.flags) ? { value: await r.new.list(db, req.userId), source: 'new' } : { value: await r.legacy.list(db, req.userId), source: 'legacy' };
  },
};
