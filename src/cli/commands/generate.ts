/**
 * `habit-verify generate`: a seeded legacy dataset as SQL, JSON or CSV. Returns the text; the CLI
 * prints it. Same arguments, same bytes.
 */
import { DATASET_MODES, type DatasetMode } from '../../generate/legacy-dataset.ts';
import { sampleDataset } from '../../generate/sample.ts';
import { toCsv, toJson, toSql } from '../../generate/serialize.ts';
import { UsageError } from '../usage-error.ts';

export type GenerateFormat = 'sql' | 'json' | 'csv';
export const GENERATE_FORMATS: readonly GenerateFormat[] = ['sql', 'json', 'csv'];
export const MAX_GENERATED_ROWS = 1_000_000;

export interface GenerateArgs {
  seed: number;
  rows: number;
  mode: DatasetMode;
  format: GenerateFormat;
}

export async function generateCommand(args: GenerateArgs): Promise<string> {
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
  const dataset = sampleDataset({ seed, rows, mode });
  return { sql: toSql, json: toJson, csv: toCsv }[format](dataset);
}
