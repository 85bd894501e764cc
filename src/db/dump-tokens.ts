/** Tokens of one SQL statement of a dump (see sql-dump-scanner.ts for how statements are cut). */

export interface DumpToken {
  kind: 'word' | 'ident' | 'string' | 'number' | 'punct';
  /** word: lower-cased; ident: the name without quotes; string: as written (with its quotes); else as written. */
  value: string;
  start: number;
  end: number;
}

/** Tokens of a statement, comments and whitespace left out. Returns undefined on a character it does not know. */
export function dumpTokens(sql: string): DumpToken[] | undefined {
  const out: DumpToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (sql.startsWith('/*', i)) {
      let depth = 0;
      do {
        if (sql.startsWith('/*', i)) depth++, (i += 2);
        else if (sql.startsWith('*/', i)) depth--, (i += 2);
        else i++;
      } while (depth > 0 && i < sql.length);
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      const escapes = c !== "'";
      i += escapes ? 2 : 1;
      for (; i < sql.length; i++) {
        if (escapes && sql[i] === '\\') i++;
        else if (sql[i] === "'") {
          if (sql[i + 1] === "'") i++;
          else break;
        }
      }
      i++;
      out.push({ kind: 'string', value: sql.slice(start, i), start, end: i });
    } else if (c === '"') {
      let name = '';
      for (i++; i < sql.length; i++) {
        if (sql[i] === '"') {
          if (sql[i + 1] !== '"') break;
          i++;
        }
        name += sql[i];
      }
      i++;
      out.push({ kind: 'ident', value: name, start, end: i });
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      while (i < sql.length && /[\w$\u0080-\uffff]/.test(sql[i]!)) i++;
      out.push({ kind: 'word', value: sql.slice(start, i).toLowerCase(), start, end: i });
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(sql[i + 1] ?? ''))) {
      const m = /\d*\.?\d*(?:[eE][+-]?\d+)?/y;
      m.lastIndex = i;
      m.exec(sql);
      i = m.lastIndex;
      out.push({ kind: 'number', value: sql.slice(start, i), start, end: i });
    } else if (sql.startsWith('::', i)) {
      i += 2;
      out.push({ kind: 'punct', value: '::', start, end: i });
    } else if ('(),;.=+-[]'.includes(c)) {
      i++;
      out.push({ kind: 'punct', value: c, start, end: i });
    } else {
      return undefined;
    }
  }
  return out;
}

/** A name token (word or quoted identifier) as Postgres folds it. */
export function nameOf(t: DumpToken | undefined): string | undefined {
  return t && (t.kind === 'word' || t.kind === 'ident') ? t.value : undefined;
}
