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
/** The legacy table's RLS and grants, as the running app has them (run as the migration's role). */
export const LEGACY_APP_PATH = join(PROJECT_ROOT, 'src/db/legacy-app.sql');

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
