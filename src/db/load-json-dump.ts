/**
 * Streams a .json dataset into the database inside the caller's transaction: users and rows are
 * checked one by one (the shape rules of parseJsonDataset) and inserted in batches; duplicate ids are
 * left to the primary keys and named like parseJsonDataset names them. Anomaly keys are checked
 * against the loaded rows at the end, through a temporary table. Memory: one batch.
 */
import { createReadStream } from 'node:fs';
import type pg from 'pg';
import type { AuthUser, LegacyRow } from '../generate/dataset.ts';
import { InputError } from '../generate/input-error.ts';
import { DUPLICATE_ROW_HINT, DUPLICATE_USER_HINT, failIn, noRowWithId, parseAnomalyEntry, parseRow, parseUser } from '../generate/parse-dataset.ts';
import { scanDatasetJson } from '../generate/scan-dataset-json.ts';
import { loadDataset } from './load-dataset.ts';

const BATCH_ROWS = 2_000;
const BATCH_USERS = 5_000;

export interface JsonDumpLoad {
  statements: number;
  /** Items (users, rows, anomaly entries) the document has. */
  seen: number;
}

export async function loadJsonDump(client: pg.ClientBase, file: string): Promise<JsonDumpLoad> {
  const fail = failIn(file);
  let users: { user: AuthUser; index: number }[] = [];
  let rows: { row: LegacyRow; index: number }[] = [];
  let keys: string[] = [];
  let statements = 0;
  let seen = 0;
  let anomalyTable = false;
  const flush = async (): Promise<void> => {
    if (users.length === 0 && rows.length === 0) return;
    const batch = { users, rows };
    users = [];
    rows = [];
    try {
      await loadDataset(client, { users: batch.users.map((u) => u.user), rows: batch.rows.map((r) => r.row) });
    } catch (err) {
      throw rejected(file, err, batch);
    }
    statements += (batch.users.length > 0 ? 1 : 0) + (batch.rows.length > 0 ? 2 : 0);
  };
  const flushKeys = async (): Promise<void> => {
    if (keys.length === 0) return;
    if (!anomalyTable) {
      await client.query('CREATE TEMPORARY TABLE hv_anomaly_keys (ord bigserial, key text) ON COMMIT DROP');
      anomalyTable = true;
    }
    await client.query('INSERT INTO hv_anomaly_keys (key) SELECT unnest($1::text[])', [keys]);
    keys = [];
  };
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  try {
    for await (const item of scanDatasetJson(stream, file)) {
      seen++;
      if (item.section === 'anomalies') {
        parseAnomalyEntry(item.key, item.value, fail);
        keys.push(item.key);
        if (keys.length >= BATCH_ROWS) await flushKeys();
      } else if (item.section === 'users') users.push({ user: parseUser(item.value, item.index, fail), index: item.index });
      else rows.push({ row: parseRow(item.value, `rows[${item.index}]`, fail), index: item.index });
      if (rows.length >= BATCH_ROWS || users.length >= BATCH_USERS) await flush();
    }
    await flush();
    await flushKeys();
  } finally {
    stream.destroy();
  }
  if (anomalyTable) {
    const { rows: missing } = await client.query<{ key: string }>(
      'SELECT key FROM hv_anomaly_keys a WHERE NOT EXISTS (SELECT 1 FROM public.habit_tracker t WHERE t.id = a.key::bigint) ORDER BY ord LIMIT 1',
    );
    if (missing[0]) fail(`$.anomalies.${missing[0].key}`, noRowWithId(missing[0].key));
  }
  return { statements, seen };
}

/** Postgres refused a batch: a duplicate id is named as parseJsonDataset names it; anything else by the batch's range. */
function rejected(file: string, err: unknown, batch: { users: { user: AuthUser; index: number }[]; rows: { row: LegacyRow; index: number }[] }): InputError {
  const e = err as { message: string; code?: string; detail?: string; table?: string };
  const key = e.code === '23505' ? /^Key \(id\)=\((.*)\) already exists/.exec(e.detail ?? '')?.[1] : undefined;
  if (key !== undefined && e.table === 'users') {
    const hits = batch.users.filter((u) => u.user.id.toLowerCase() === key.toLowerCase());
    const dup = hits[1] ?? hits[0];
    if (dup) return new InputError(file, `users[${dup.index}].id`, `duplicate user id ${dup.user.id}`, DUPLICATE_USER_HINT, { cause: err });
  }
  if (key !== undefined && e.table === 'habit_tracker') {
    const hits = batch.rows.filter((r) => String(r.row.id) === key);
    const dup = hits[1] ?? hits[0];
    if (dup) return new InputError(file, `rows[${dup.index}] (id ${dup.row.id}).id`, `duplicate row id ${dup.row.id}`, DUPLICATE_ROW_HINT, { cause: err });
  }
  const range = (xs: { index: number }[], name: string) => (xs.length ? `${name}[${xs[0]!.index}..${xs[xs.length - 1]!.index}]` : '');
  const where = [range(batch.users, 'users'), range(batch.rows, 'rows')].filter(Boolean).join(', ');
  return new InputError(file, where, `Postgres rejected the data: ${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}`, 'fix the row named in the message; nothing was loaded', { cause: err });
}
