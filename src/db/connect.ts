import pg from 'pg';
import { connectionError } from './connection-error.ts';

export { redactUri } from './redact-uri.ts';

/** `application_name` of every connection the harness opens (visible in pg_stat_activity). */
export const APPLICATION_NAME = 'habit-verify';

// OIDs whose values stay raw strings: JS Dates shift with the process TZ (DATE '2025-10-13' arrives
// as 2025-10-12T15:00Z under Asia/Seoul) and int8 overflows a double. Arrays of them: string[].
const RAW_SCALARS = new Set([1082 /* date */, 1114 /* timestamp */, 1184 /* timestamptz */, 20 /* int8 */]);
const RAW_ARRAYS = new Set([1182 /* date[] */, 1115 /* timestamp[] */, 1185 /* timestamptz[] */, 1016 /* int8[] */]);
const TEXT_ARRAY_OID = 1009;

/**
 * Per-connection type parsers (the global `pg.types` registry is left untouched, so other code
 * in the process keeps node-postgres's defaults).
 */
export const rawDateTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (RAW_SCALARS.has(oid) && format !== 'binary') return (value: string) => value;
    if (RAW_ARRAYS.has(oid)) return pg.types.getTypeParser(TEXT_ARRAY_OID as never, format ?? 'text');
    return pg.types.getTypeParser(oid as never, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function clientConfig(uri: string): pg.ClientConfig {
  return { connectionString: uri, types: rawDateTypes, application_name: APPLICATION_NAME, connectionTimeoutMillis: 10_000 };
}

/**
 * Opens a connected client: date/timestamp/timestamptz/int8 come back as the server's strings,
 * `application_name` is `habit-verify`. A failed connection rejects with an `InfraError`.
 */
export async function connect(uri: string): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(uri));
  // A dropped connection (server crash, DROP ... WITH (FORCE)) is emitted as 'error' on an idle client;
  // unhandled, that event would kill the process. The next query on the client rejects instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw connectionError(uri, err);
  }
  return client;
}

/** A pool with the same settings as {@link connect}. End it with `await pool.end()`. */
export function pool(uri: string, options: Omit<pg.PoolConfig, 'connectionString' | 'types'> = {}): pg.Pool {
  const p = new pg.Pool({ ...clientConfig(uri), ...options });
  p.on('error', () => undefined); // idle client lost: the pool replaces it on next checkout
  return p;
}
