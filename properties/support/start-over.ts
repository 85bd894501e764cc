import type { PropertyContext } from '../../src/runner/property.ts';
import { templateSource } from '../../src/db/database-factory.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { harness } from '../../src/runner/harness-error.ts';

/**
 * The database as the harness hands it out, whatever a case (or a broken variant) left in it: an
 * empty public schema with the legacy table as the app has it, nothing of any migration. Run as the
 * migration's role, the database's owner (the auth shim and the roles are the server's and stay).
 */
export async function startOver(ctx: Pick<PropertyContext, 'client' | 'pg'>): Promise<void> {
  const c = ctx.client;
  await harness('start the database over', async () => {
    await c.query('ROLLBACK').catch(() => undefined);
    const { owner } = await templateSource({ grants: ctx.pg.supabaseGrants, major: ctx.pg.serverVersion });
    await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    for (const text of owner) await c.query(text);
    await resetDatabase(c, { refresh: true });
  });
}
