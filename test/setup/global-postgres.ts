import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { startPostgres } from '../../src/db/start-postgres.ts';

/**
 * vitest globalSetup (main process): ONE Postgres server for the whole run — embedded by default,
 * or per HV_PG (`url` with DATABASE_URL, `testcontainers`), on HV_PG_VERSION's major (default 17). Tests get its maintenance URI with
 * `inject('pgAdminUri')` and call `attachPostgres(uri)`; each test's handle drops only its own
 * databases, and this teardown stops the server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  const pg = await startPostgres({
    provider: config.pg,
    ...(config.databaseUrl === undefined ? {} : { url: config.databaseUrl }),
    ...(config.pgVersion === undefined ? {} : { version: config.pgVersion }),
    ...(config.image === undefined ? {} : { image: config.image }),
  });
  project.provide('pgAdminUri', pg.adminUri);
  return () => pg.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance-database URI of the run's shared server (password included: see redactUri). */
    pgAdminUri: string;
  }
}
