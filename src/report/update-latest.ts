import { cp, lstat, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/** The file-system calls `updateLatest` needs (injected so the copy fallback can be tested). */
export interface LatestIo {
  symlink: (target: string, path: string) => Promise<void>;
}

/**
 * Points `<reportsRoot>/latest` at the run directory `<reportsRoot>/<runDir>`: a relative symlink
 * created under a temporary name and renamed over the old one, so a reader never sees no `latest`.
 * Where symlinks cannot be made (some Windows or mounted file systems) the run directory is copied
 * instead. Returns how it was done.
 */
export async function updateLatest(reportsRoot: string, runDir: string, io: LatestIo = { symlink: (t, p) => symlink(t, p, 'dir') }): Promise<'symlink' | 'copy'> {
  const latest = join(reportsRoot, 'latest');
  const tmp = join(reportsRoot, `.latest-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    await io.symlink(runDir, tmp);
  } catch {
    await rm(tmp, { recursive: true, force: true });
    await cp(join(reportsRoot, runDir), tmp, { recursive: true });
    await replace(tmp, latest);
    return 'copy';
  }
  await replace(tmp, latest);
  return 'symlink';
}

// rename() replaces a symlink or file atomically, but not a directory (left by an earlier copy).
async function replace(tmp: string, latest: string): Promise<void> {
  try {
    await rename(tmp, latest);
  } catch (err) {
    const st = await lstat(latest).catch(() => undefined);
    if (!st?.isDirectory()) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
    await rm(latest, { recursive: true, force: true });
    await rename(tmp, latest);
  }
}
