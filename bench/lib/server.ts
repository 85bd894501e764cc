import { startPostgres } from '../../src/db/start-postgres.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { PG_STAT_STATEMENTS_SETTINGS } from './pg-stat-statements.ts';

/**
 * The benchmarks' server: embedded Postgres with the test settings (fsync off, as every property run
 * has) plus pg_stat_statements, and enough memory that a 100k-row batch sorts in memory as it would
 * on a real server.
 */
export function startBenchServer(): Promise<StartedPostgres> {
  return startPostgres({
    provider: 'embedded',
    settings: { ...PG_STAT_STATEMENTS_SETTINGS, shared_buffers: '512MB', work_mem: '32MB', maintenance_work_mem: '256MB', max_wal_size: '4GB' },
  });
}
