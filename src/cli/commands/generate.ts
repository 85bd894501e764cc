/**
 * `habit-verify generate`: a seeded legacy dataset as SQL, JSON or CSV, written to `out` as it is
 * generated. Same arguments, same bytes (those of toSql/toJson/toCsv of sampleDataset).
 *
 * The head of a dump (users, row count) is known only once every row is made, so the rows go to a
 * spool file as they are made — unlinked at once, so nothing is left behind even on a kill — and are
 * copied to `out` after the head. Memory does not grow with --rows; the spool takes the dump's size on disk.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DATASET_MODES, type DatasetMode } from '../../generate/legacy-dataset.ts';
import { assertRowLoadable, assertUserLoadable, CSV_FORMAT, JSON_FORMAT, SQL_FORMAT, type DatasetFormat } from '../../generate/serialize.ts';
import { streamDataset } from '../../generate/stream-dataset.ts';
import { progressLines } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

export type GenerateFormat = 'sql' | 'json' | 'csv';
export const GENERATE_FORMATS: readonly GenerateFormat[] = ['sql', 'json', 'csv'];
export const MAX_GENERATED_ROWS = 1_000_000;

const FORMATS: Record<GenerateFormat, DatasetFormat> = { sql: SQL_FORMAT, json: JSON_FORMAT, csv: CSV_FORMAT };
const FLUSH_CHARS = 1 << 20;

export interface GenerateArgs {
  seed: number;
  rows: number;
  mode: DatasetMode;
  format: GenerateFormat;
}

export async function generateCommand(args: GenerateArgs, out: NodeJS.WritableStream): Promise<void> {
  const { seed, rows, mode, format } = args;
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 31 - 1) {
    throw new UsageError(`--seed must be a 32-bit integer, got ${String(seed)}`);
  }
  if (!Number.isInteger(rows) || rows < 0 || rows > MAX_GENERATED_ROWS) {
    throw new UsageError(`--rows must be an integer from 0 to ${MAX_GENERATED_ROWS}, got ${String(rows)}`);
  }
  if (!DATASET_MODES.includes(mode)) throw new UsageError(`--mode must be one of ${DATASET_MODES.join(', ')}, got ${String(mode)}`);
  if (!GENERATE_FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${GENERATE_FORMATS.join(', ')}, got ${String(format)}`);
  }
  const f = FORMATS[format];
  const spool = openSpool();
  const progress = progressLines('generate', rows);
  try {
    const dataset = streamDataset({ seed, rows, mode, detectAnomalies: format === 'json' }, (row) => {
      assertRowLoadable(row);
      f.row(spool.write, row, spool.rows++);
      progress?.(spool.rows);
    });
    f.tail(spool.write, dataset.rowCount, dataset.anomalies);
    spool.flush();
    const head: string[] = [];
    dataset.users.forEach(assertUserLoadable);
    f.head((s) => void head.push(s), dataset.users, dataset.rowCount);
    await write(out, head.join(''));
    await pipeline(createReadStream('', { fd: spool.fd, start: 0, autoClose: false }), out, { end: false });
  } catch (err) {
    // The reader went away (`generate … | head`): nothing more to write, and nothing wrong.
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
  } finally {
    closeSync(spool.fd);
  }
}

/** A file open for writing and reading back, already unlinked; writes are buffered. */
function openSpool(): { fd: number; rows: number; write: (s: string) => void; flush: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hv-generate-'));
  const path = join(dir, 'rows');
  const fd = openSync(path, 'w+');
  rmSync(dir, { recursive: true, force: true });
  let pending: string[] = [];
  let chars = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    chars = 0;
    writeSync(fd, text);
  };
  return {
    fd,
    rows: 0,
    write: (s) => {
      pending.push(s);
      chars += s.length;
      if (chars >= FLUSH_CHARS) flush();
    },
    flush,
  };
}

function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
