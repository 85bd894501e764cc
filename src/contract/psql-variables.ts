/**
 * psql's variable interpolation, for the templates of step families (one step per table, constraint,
 * index): `:name` is the value as is, `:'name'` a string literal, `:"name"` a quoted identifier —
 * exactly what `psql -v name=value -f file` substitutes, so a template runs with psql as it is.
 *
 * As in psql, nothing is substituted inside quoted strings, quoted identifiers, dollar-quoted bodies
 * or comments, and `::` is a cast. Unlike psql, a variable that has no value is an error (psql would
 * leave the text as it is and send it to the server).
 */

/** Thrown when a template and its values do not fit; says which file and which name. */
export class SqlTemplateError extends Error {
  override readonly name = 'SqlTemplateError';
}

/** The template with every variable filled in from `vars`, and the names it used. `file` names the template in errors. */
export function interpolatePsqlVariables(template: string, vars: Readonly<Record<string, string>>, file: string): { sql: string; used: Set<string> } {
  const used = new Set<string>();
  for (const [name, value] of Object.entries(vars)) {
    // One line in, one line out: a finding on line N of an instance is on line N of the template.
    if (/[\r\n]/.test(value)) throw new SqlTemplateError(`${file}: the value of :${name} spans lines (${JSON.stringify(value)}); give single-line values`);
  }
  let out = '';
  let i = 0;
  const value = (name: string, at: number): string => {
    const v = vars[name];
    if (v === undefined) throw new SqlTemplateError(`${file}: :${name} (line ${lineAt(template, at)}) has no value; give it in vars`);
    used.add(name);
    return v;
  };
  while (i < template.length) {
    const skip = skippedSpan(template, i);
    if (skip > i) {
      out += template.slice(i, skip);
      i = skip;
      continue;
    }
    if (template[i] === ':' && template[i + 1] === ':') {
      out += '::';
      i += 2;
      continue;
    }
    if (template[i] === ':') {
      const quote = template[i + 1];
      if (quote === "'" || quote === '"') {
        const m = new RegExp(`^${VAR_NAME.source}${quote}`).exec(template.slice(i + 2));
        if (m) {
          const name = m[0].slice(0, -1);
          out += quote === "'" ? literal(value(name, i)) : identifier(value(name, i));
          i += 2 + m[0].length;
          continue;
        }
      } else {
        const m = VAR_NAME.exec(template.slice(i + 1));
        if (m) {
          out += value(m[0], i);
          i += 1 + m[0].length;
          continue;
        }
      }
    }
    out += template[i];
    i++;
  }
  return { sql: out, used };
}

/** psql's variable_char: letters (ASCII and any non-ASCII byte), digits, underscore. */
const VAR_NAME = /^[A-Za-z0-9_\u0080-\uffff]+/;

/** End of the quoted string, identifier, dollar-quoted body or comment starting at `i` (or `i` when none does). */
function skippedSpan(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') {
    let j = i + 1;
    for (;;) {
      const k = sql.indexOf(c, j);
      if (k < 0) return sql.length;
      if (sql[k + 1] === c) j = k + 2;
      else return k + 1;
    }
  }
  if (c === '-' && sql[i + 1] === '-') {
    const k = sql.indexOf('\n', i);
    return k < 0 ? sql.length : k;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const k = sql.indexOf('*/', i + 2);
    return k < 0 ? sql.length : k + 2;
  }
  if (c === '$' && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '')) {
    const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i));
    if (m) {
      const k = sql.indexOf(m[0], i + m[0].length);
      return k < 0 ? sql.length : k + m[0].length;
    }
  }
  return i;
}

/** PQescapeLiteral: quotes doubled; with a backslash, an E'' string with backslashes doubled. */
function literal(v: string): string {
  const quoted = v.replace(/'/g, "''");
  return v.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/** PQescapeIdentifier: always quoted, double quotes doubled. */
function identifier(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
