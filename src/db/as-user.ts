import type pg from 'pg';

/** The API roles of the Supabase shim (see supabase-shim.sql). */
export type SupabaseRole = 'anon' | 'authenticated' | 'service_role';

/** JWT claims as PostgREST would put them in `request.jwt.claims`; `sub` is what `auth.uid()` returns. */
export type JwtClaims = Record<string, unknown> & { sub?: string; role?: string };

/**
 * Runs `fn` as Supabase would run an API request: in one transaction with
 * `request.jwt.claims` set (transaction-local) and `SET LOCAL ROLE role`, so RLS policies,
 * `auth.uid()` and `auth.jwt()` apply. `claims: null` means no JWT (e.g. anon without a token).
 * Commits when `fn` resolves, rolls back and rethrows when it rejects. The client must not be
 * inside a transaction already.
 */
export async function withClaims<T>(
  client: pg.ClientBase,
  claims: JwtClaims | null,
  role: SupabaseRole,
  fn: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('request.jwt.claims', $1, true)", [claims === null ? '' : JSON.stringify(claims)]);
    await client.query(`SET LOCAL ROLE ${client.escapeIdentifier(role)}`);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
