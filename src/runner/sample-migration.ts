import type { StartedPostgres } from '../db/types.ts';
import type { MigrationImplementation } from '../contract/implementation.ts';
import { connect } from '../db/connect.ts';
import { loadDataset } from '../db/load-dataset.ts';
import { sampleDataset } from '../generate/sample.ts';
import { checkDatabase, quarantineSection, type CheckResult } from '../check/check-database.ts';
import type { RunReport } from './result.ts';

/**
 * A worked example for the report: one seeded adversarial dataset migrated end to end, so QA sees
 * what the migration does with bad data — the quarantine breakdown with example rows, the warnings,
 * and any drift. Returns the report sections; never prints.
 */
export async function sampleMigration(
  pg: StartedPostgres,
  impl: MigrationImplementation,
  seed: number,
  rows = 200,
): Promise<Pick<RunReport, 'quarantine' | 'drift'> & { check: CheckResult }> {
  const db = await pg.createDatabase('sample');
  const client = await connect(db.uri);
  try {
    await loadDataset(client, sampleDataset({ seed, rows, mode: 'adversarial' }));
    const check = await checkDatabase(client, impl);
    return {
      check,
      quarantine: quarantineSection(check),
      drift: check.details.drift,
    };
  } finally {
    await client.end();
    await db.drop();
  }
}
