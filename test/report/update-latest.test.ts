import { mkdir, mkdtemp, readFile, readlink, rm, writeFile, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateLatest } from '../../src/report/update-latest.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hv-latest-'));
  for (const run of ['run-a', 'run-b']) {
    await mkdir(join(root, run));
    await writeFile(join(root, run, 'run.json'), run);
  }
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('updateLatest', () => {
  it('a relative symlink, replaced by the next run, no temporary left behind', async () => {
    expect(await updateLatest(root, 'run-a')).toBe('symlink');
    expect(await readlink(join(root, 'latest'))).toBe('run-a');
    expect(await updateLatest(root, 'run-b')).toBe('symlink');
    expect(await readFile(join(root, 'latest', 'run.json'), 'utf8')).toBe('run-b');
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(root)).sort()).toEqual(['latest', 'run-a', 'run-b']);
  });

  it('copies when symlinks cannot be made, and a later symlink replaces the copy', async () => {
    const noLinks = { symlink: async () => { throw Object.assign(new Error('EPERM'), { code: 'EPERM' }); } };
    expect(await updateLatest(root, 'run-a', noLinks)).toBe('copy');
    expect(await updateLatest(root, 'run-b', noLinks)).toBe('copy');
    expect((await lstat(join(root, 'latest'))).isDirectory()).toBe(true);
    expect(await readFile(join(root, 'latest', 'run.json'), 'utf8')).toBe('run-b');
    expect(await updateLatest(root, 'run-a')).toBe('symlink');
    expect(await readlink(join(root, 'latest'))).toBe('run-a');
  });
});
