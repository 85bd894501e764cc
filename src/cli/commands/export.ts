/**
 * `habit-verify export --to DIR [--format plain|supabase] [--impl name|path] [--timestamp T] [--force]`:
 * writes the verified SQL of an implementation as migration files (the layouts: src/export). The files
 * come from src/export (pure); this command checks the flags and the directory, and writes them.
 *
 * Exit codes: 0 written · 2 bad usage: an unknown format, a malformed timestamp, a DIR that is a file or
 * is not empty (without --force, nothing is written).
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXPORT_FORMATS, exportMigration, type ExportFormat } from '../../export/export-migration.ts';
import { implementationOf } from '../implementation-from-flags.ts';
import { UsageError } from '../usage-error.ts';

export interface ExportFlags {
  to: string;
  format?: string;
  impl?: string;
  /** supabase: the first migration's version, YYYYMMDDHHMMSS (UTC); default: now. */
  timestamp?: string;
  /** Write into a directory that is not empty (files of the same name are overwritten, others left). */
  force?: boolean;
}

/** Writes the files; returns the line to print. `now` is the default supabase timestamp. */
export async function exportCommand(flags: ExportFlags, now: Date = new Date()): Promise<string> {
  const format = (flags.format ?? 'plain') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format ${JSON.stringify(flags.format)}: use ${EXPORT_FORMATS.join(' or ')}`);
  if (flags.timestamp !== undefined && format !== 'supabase') throw new UsageError('--timestamp is for --format supabase (the migrations\' versions); plain files have none');
  const timestamp = flags.timestamp === undefined ? now : parseVersion(flags.timestamp);
  const dir = path.resolve(flags.to);
  await checkDirectory(dir, flags.to, flags.force ?? false);
  const { impl } = await implementationOf(flags.impl, undefined);
  const files = exportMigration(impl, format === 'plain' ? { format } : { format, timestamp });
  for (const f of files) {
    const target = path.join(dir, ...f.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.content);
  }
  return `habit-verify export: ${files.length} files of ${impl.name} (${format}) in ${flags.to}; the order to run them: ${path.join(flags.to, 'README.md')}\n`;
}

async function checkDirectory(dir: string, given: string, force: boolean): Promise<void> {
  const s = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new UsageError(`--to ${given}: cannot read it (${err.code ?? err.message})`);
  });
  if (!s) return;
  if (!s.isDirectory()) throw new UsageError(`--to ${given} is a file, not a directory: give an empty (or new) directory`);
  const entries = await readdir(dir);
  if (entries.length > 0 && !force) {
    throw new UsageError(
      `--to ${given} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, e.g. ${entries[0]}): export writes into an empty or new directory; pass --force to write over it (files of the same name are replaced, the others left)`,
    );
  }
}

/** YYYYMMDDHHMMSS, a real UTC time. */
function parseVersion(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
  if (!date || date.toISOString().replace(/\.\d+Z$/, '').replace(/\D/g, '') !== text) {
    throw new UsageError(`--timestamp ${JSON.stringify(text)}: give the first migration's version as YYYYMMDDHHMMSS (UTC), e.g. 20261203120000`);
  }
  return date;
}
