import type pg from 'pg';
import { PropertyFailure } from '../../src/runner/property-failure.ts';

/**
 * Tries the app's legacy path as the app runs it — an API role (`authenticated` by default, with a
 * signed-in user's claims): a legacy INSERT, UPDATE and SELECT, inside a transaction that is rolled back (it proves the
 * path is open without leaving a row that no later phase accounts for). Returns what went wrong, or
 * null when everything worked.
 */
export async function legacyAppError(client: pg.ClientBase, role: 'authenticated' | 'service_role' = 'authenticated'): Promise<string | null> {
  const { rows: users } = await client.query<{ id: string }>('SELECT id::text FROM auth.users ORDER BY id LIMIT 1');
  const user = users[0]?.id ?? '00000000-0000-4000-8000-000000000001';
  await client.query('BEGIN');
  try {
    if (!users[0]) await client.query('INSERT INTO auth.users (id, email) VALUES ($1, $2)', [user, 'smoke@example.com']);
    await client.query("SELECT set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: user, role })]);
    await client.query(`SET LOCAL ROLE ${role}`);
    const ins = await client.query<{ id: string }>(
      `INSERT INTO public.habit_tracker (user_id, child_name, week_start_date, habits) VALUES ($1, 'smoke', DATE '2099-01-05', '[]')
       RETURNING id`,
      [user],
    );
    const id = ins.rows[0]!.id;
    const upd = await client.query(`UPDATE public.habit_tracker SET theme = 'smoke test' WHERE id = $1`, [id]);
    const sel = await client.query<{ theme: string }>('SELECT theme FROM public.habit_tracker WHERE id = $1', [id]);
    if (upd.rowCount !== 1 || sel.rows[0]?.theme !== 'smoke test') return `the write did not take (update rows ${upd.rowCount}, read ${JSON.stringify(sel.rows)})`;
    return null;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return `${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}`;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

/**
 * After a rollback, the app writes the legacy path: the server side (service_role) always, and a
 * signed-in client (authenticated) as it did before the phase — the same success or, when an earlier
 * phase already broke that path, the same error (not this phase's to report).
 */
export async function assertLegacyAppWorksAsBefore(client: pg.ClientBase, before: string | null, after: string): Promise<void> {
  const server = await legacyAppError(client, 'service_role');
  if (server !== null) throw new PropertyFailure(`after ${after}, the server (service_role) cannot write the legacy table: ${server}`);
  const now = await legacyAppError(client);
  if (now !== null && now !== before) {
    throw new PropertyFailure(`after ${after}, a signed-in client cannot write the legacy table: ${now}`, { before: before ?? 'worked', after: now });
  }
}
