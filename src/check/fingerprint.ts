import type pg from 'pg';

/**
 * A fingerprint of the migration's output: one md5 per table over every row (ids included), read in
 * a transaction pinned to UTC so it does not depend on the session's time zone. The tables and their
 * queries are the implementation's (Observation.contentQueries).
 */
export type Fingerprint = Record<string, string>;


export async function fingerprint(client: pg.ClientBase, tables: Readonly<Record<string, string>>): Promise<Fingerprint> {
  const sql = Object.entries(tables)
    .map(([name, q]) => `SELECT '${name}' AS t, count(*)::int AS n, coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') AS h FROM (${q}) x`)
    .join(' UNION ALL ');
  await client.query("BEGIN; SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL extra_float_digits = 1");
  try {
    const { rows } = await client.query<{ t: string; n: number; h: string }>(sql);
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  } finally {
    await client.query('COMMIT');
  }
}

/** Tables whose fingerprints differ (empty when equal). */
export function fingerprintDiff(a: Fingerprint, b: Fingerprint): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
}
