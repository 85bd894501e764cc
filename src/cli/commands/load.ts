import type { Config } from '../../config.ts';
import { loadDump } from '../../db/load-dump.ts';
import { connect } from '../../db/connect.ts';
import { EXIT } from '../exit-codes.ts';
import { pgChoiceOf, startFromFlags, type PgFlags } from '../pg-from-flags.ts';

/** `habit-verify load <dump>`: loads a dump into a fresh ephemeral database and prints the counts. */
export async function loadCommand(dump: string, flags: PgFlags & { json?: boolean }, config: Config): Promise<number> {
  const pg = await startFromFlags(pgChoiceOf(flags, config), config);
  try {
    const db = await pg.createDatabase('load');
    const client = await connect(db.uri);
    try {
      const counts = await loadDump(client, dump);
      process.stdout.write(
        flags.json
          ? `${JSON.stringify({ file: dump, ...counts })}\n`
          : `loaded ${dump}: ${counts.users} account(s) in auth.users, ${counts.legacyRows} row(s) in habit_tracker (${counts.statements} statement(s))\n${ignoredNote(counts.ignoredUserColumns)}`,
      );
      return EXIT.ok;
    } finally {
      await client.end();
    }
  } finally {
    await pg.close();
  }
}

/** The auth.users columns of a dump that were not loaded, as a line (empty when none). */
export function ignoredNote(columns: readonly string[]): string {
  return columns.length ? `  auth.users columns not loaded (the harness keeps id, email, raw_user_meta_data, created_at): ${columns.join(', ')}\n` : '';
}
