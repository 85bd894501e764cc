/**
 * `habit-verify export`: writes exactly the files src/export returns; refuses (exit 2, nothing written)
 * a directory that is not empty unless --force, a file, an unknown format and a malformed timestamp.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { exportMigration } from '../../src/export/export-migration.ts';
import { ourMigration } from '../../src/migration/implementation.ts';
import { cli } from './support.ts';

let root: string;
const at = (name: string) => path.join(root, name);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hv-export-cmd-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('exportCommand', () => {
  it('writes every file of the export into a new directory, byte for byte', async () => {
    const out = await exportCommand({ to: at('plain') });
    expect(out).toMatch(/117 files of habit-verify \(plain\)/);
    const expected = exportMigration(ourMigration, { format: 'plain' });
    expect(await filesUnder(at('plain'))).toEqual(expected.map((f) => f.path).sort());
    for (const f of expected) expect(await readFile(path.join(at('plain'), f.path), 'utf8')).toBe(f.content);
  });

  it('supabase: versions from --timestamp, else from the time of the export', async () => {
    await exportCommand({ to: at('sb1'), format: 'supabase', timestamp: '20261203120000' });
    expect((await filesUnder(at('sb1'))).some((f) => f.startsWith('migrations/1-phase-0-apply/20261203120000_phase-0_create-children'))).toBe(true);
    await exportCommand({ to: at('sb2'), format: 'supabase' }, new Date('2027-01-02T03:04:05Z'));
    expect((await filesUnder(at('sb2'))).some((f) => f.includes('/20270102030405_phase-0_create-children'))).toBe(true);
  });

  it('refuses a directory that is not empty (nothing written), unless --force', async () => {
    await writeFile(at('notes.txt'), 'mine');
    const dir = path.join(root, 'busy');
    await exportCommand({ to: dir });
    await writeFile(path.join(dir, 'mine.txt'), 'keep');
    const before = await filesUnder(dir);
    await expect(exportCommand({ to: dir, format: 'supabase', timestamp: '20261203120000' })).rejects.toThrow(UsageError);
    await expect(exportCommand({ to: dir })).rejects.toThrow(/is not empty .*--force/);
    expect(await filesUnder(dir)).toEqual(before);
    await exportCommand({ to: dir, force: true });
    expect(await readFile(path.join(dir, 'mine.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a file, an unknown format, a malformed timestamp, a timestamp for plain', async () => {
    await expect(exportCommand({ to: at('notes.txt') })).rejects.toThrow(/is a file/);
    await expect(exportCommand({ to: at('x1'), format: 'flyway' })).rejects.toThrow(/--format "flyway": use plain or supabase/);
    await expect(exportCommand({ to: at('x2'), format: 'supabase', timestamp: '20261332000000' })).rejects.toThrow(/YYYYMMDDHHMMSS/);
    await expect(exportCommand({ to: at('x3'), timestamp: '20261203120000' })).rejects.toThrow(/--timestamp is for --format supabase/);
  });
});

describe('habit-verify export (the CLI)', () => {
  it('exit 0 into a new directory; exit 2 with the reason when it is not empty', async () => {
    const ok = await cli(['export', '--to', at('cli')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/README\.md/);
    const busy = await cli(['export', '--to', at('cli'), '--format', 'supabase']);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/is not empty .*pass --force/);
  });
});
