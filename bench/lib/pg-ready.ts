import { startPostgres } from '../../src/db/start-postgres.ts';
import { median, round } from './stats.ts';

export interface ReadyFigures {
  starts: number;
  /** From startPostgres() to the first query answered, cached initdb'd cluster (the project's .hv-cache). */
  medianReadyMs: number;
  medianCopyMs: number;
  medianStartMs: number;
  readyMs: number[];
  cacheHits: number;
}

/** Embedded Postgres ready time with the cached cluster, as every CLI command and test run pays it. */
export async function benchReady(starts = 5): Promise<ReadyFigures> {
  const timings = [];
  for (let i = 0; i < starts; i++) {
    const pg = await startPostgres({ provider: 'embedded' });
    timings.push(pg.timings!);
    await pg.close();
  }
  return {
    starts,
    medianReadyMs: round(median(timings.map((t) => t.readyMs))),
    medianCopyMs: round(median(timings.map((t) => t.copyMs ?? 0))),
    medianStartMs: round(median(timings.map((t) => t.startMs ?? 0))),
    readyMs: timings.map((t) => round(t.readyMs)),
    cacheHits: timings.filter((t) => t.cacheHit).length,
  };
}
