import type pg from 'pg';

/** The API roles of the Supabase shim (see supabase-shim.sql). */
export type SupabaseRole = 'anon' | 'authenticated' | 'service_role';

/** JWT claims as PostgREST would put them in `request.jwt.claims`; `sub` is what `auth.uid()` returns. */
export type JwtClaims = Record<string, unknown> & { sub?: string; role?: string };

// PostgREST applies the impersonated role's pg_db_role_setting entries (this database's, then any
// database's) per request with set_config(…, is_local => true): the statement_timeout a request meets.
const ROLE_SETTINGS_SQL = `
  SELECT set_config(split_part(cfg, '=', 1), substr(cfg, strpos(cfg, '=') + 1), true)
  FROM (
    SELECT DISTINCT ON (split_part(cfg, '=', 1)) cfg
    FROM pg_db_role_setting s
    JOIN pg_roles r ON r.oid = s.setrole
    CROSS JOIN LATERAL unnest(s.setconfig) AS cfg
    WHERE r.rolname = $1
      AND s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
    ORDER BY split_part(cfg, '=', 1), s.setdatabase DESC
  ) chosen`;

/**
 * Runs `fn` as Supabase would run an API request: in one transaction with
 * `request.jwt.claims` set (transaction-local) and `SET LOCAL ROLE role`, so RLS policies,
 * `auth.uid()` and `auth.jwt()` apply, and the role's own settings (`ALTER ROLE … SET`, e.g.
 * anon's 3 s statement_timeout) set transaction-locally as PostgREST does. `claims: null` means no JWT (e.g. anon without a token).
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
    await client.query(ROLE_SETTINGS_SQL, [role]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** A signed-in user with no rows anywhere: sees nothing, reads nothing, changes nothing. */
export const STRANGER = '00000000-0000-4000-8000-00000000fade';

const ROLLED_BACK = Symbol('rolled back');

/** Runs `fn` as withClaims does and rolls the transaction back whatever happens; returns fn's value or its error. */
export async function asUserRolledBack<T>(
  client: pg.ClientBase,
  claims: { sub?: string; role?: string } | null,
  role: SupabaseRole,
  fn: (c: pg.ClientBase) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: { code?: string; message: string } }> {
  let out: { ok: true; value: T } | { ok: false; error: { code?: string; message: string } } | undefined;
  try {
    await withClaims(client, claims, role, async (c) => {
      try {
        out = { ok: true, value: await fn(c) };
      } catch (err) {
        const e = err as { code?: string; message?: string };
        out = { ok: false, error: { ...(e.code ? { code: e.code } : {}), message: String(e.message ?? err) } };
      }
      throw ROLLED_BACK;
    });
  } catch (err) {
    if (err !== ROLLED_BACK) throw err;
  }
  return out!;
}
