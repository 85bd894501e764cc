import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest directory above this file holding a package.json. */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Default home of caches (initdb'd cluster template); git-ignored. */
export const DEFAULT_CACHE_DIR = join(PROJECT_ROOT, '.hv-cache');

/** The legacy schema installed in every test database, read at run time. */
export const LEGACY_SCHEMA_PATH = join(PROJECT_ROOT, 'src/migration/legacy/schema.sql');

/** The Supabase auth shim installed in every test database. */
export const SUPABASE_SHIM_PATH = join(PROJECT_ROOT, 'src/db/supabase-shim.sql');

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
