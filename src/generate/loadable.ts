/**
 * What Postgres can hold: no U+0000 (text and jsonb reject it), no lone surrogate (jsonb rejects
 * `\ud800`, UTF-8 cannot encode it), only finite numbers in JSON.
 */

/** Why a string cannot go into Postgres text/jsonb, or null when it can. */
export function pgTextProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains U+0000, which Postgres text and jsonb reject';
  if (/\p{Cs}/u.test(s)) return 'contains a lone UTF-16 surrogate, which UTF-8 and jsonb cannot hold';
  return null;
}

export interface JsonbProblem {
  /** Where in the value, starting with the `path` given. */
  path: string;
  problem: string;
}

/** Why a JSON value cannot go into jsonb, and where, or null when it can. */
export function jsonbProblem(value: unknown, path: string): JsonbProblem | null {
  if (value === null || typeof value === 'boolean') return null;
  if (typeof value === 'string') return at(path, pgTextProblem(value));
  if (typeof value === 'number') return Number.isFinite(value) ? null : { path, problem: `${value} is not a JSON number` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = jsonbProblem(value[i], `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return { path, problem: 'not a plain JSON object' };
    for (const [k, v] of Object.entries(value)) {
      const p = at(`${path} (key ${JSON.stringify(k)})`, pgTextProblem(k)) ?? jsonbProblem(v, `${path}.${k}`);
      if (p) return p;
    }
    return null;
  }
  return { path, problem: `a ${typeof value} is not JSON` };
}

function at(path: string, problem: string | null): JsonbProblem | null {
  return problem === null ? null : { path, problem };
}
