/**
 * `habit-verify export`'s writer, pure: the verified SQL of an implementation as migration files (paths
 * and texts), in one of two layouts — `plain` (psql, one folder per phase and stage) or `supabase`
 * (timestamped files for supabase/migrations/). The command writes them; nothing here touches the disk.
 */
import { DEFAULT_LOCK_TIMEOUT_MS } from '../contract/executor.ts';
import type { MigrationImplementation } from '../contract/implementation.ts';
import type { ExportedFile } from './exported-file.ts';
import { exportPlan } from './export-plan.ts';
import { plainFiles } from './plain-format.ts';
import { supabaseFiles } from './supabase-format.ts';

export const EXPORT_FORMATS = ['plain', 'supabase'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** supabase: `timestamp` is the first migration's version (UTC); the CLI passes the time of the export. */
export type ExportOptions = { format: 'plain' } | { format: 'supabase'; timestamp: Date };

export type { ExportedFile };

export function exportMigration(impl: MigrationImplementation, opts: ExportOptions): ExportedFile[] {
  const plan = exportPlan(impl, DEFAULT_LOCK_TIMEOUT_MS);
  return opts.format === 'plain' ? plainFiles(impl, plan) : supabaseFiles(impl, plan, opts.timestamp);
}
