/**
 * A lexer just good enough to mutate SQL and PL/pgSQL at the token level: words, numbers, operators
 * and punctuation with their offsets. Comments and quoted strings ('…', E'…', "…") are single tokens a
 * mutant never touches; dollar quotes are punctuation, so function bodies are lexed like the rest.
 */
export type SqlTokenKind = 'word' | 'number' | 'op' | 'punct' | 'string' | 'comment' | 'dollar';

export interface SqlToken {
  kind: SqlTokenKind;
  text: string;
  /** Offset of the first character in the file. */
  at: number;
  /** Upper-cased text of a word (keywords compare on it). */
  upper: string;
}

const OP_CHARS = '+-*/<>=~!@#%^&|`?:';

/** The tokens of `sql`, comments and whitespace-free (comments kept as tokens of their own). */
export function sqlTokens(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlTokenKind, end: number) => {
    const text = sql.slice(i, end);
    out.push({ kind, text, at: i, upper: text.toUpperCase() });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) i++;
    else if (c === '-' && next === '-') push('comment', lineEnd(sql, i));
    else if (c === '/' && next === '*') push('comment', closing(sql, i + 2, '*/'));
    else if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) push('string', quoted(sql, c === "'" ? i : i + 1, "'"));
    else if (c === '"') push('string', quoted(sql, i, '"'));
    else if (c === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) push('dollar', i + /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0].length);
    else if (c === '$' && next !== undefined && /[0-9]/.test(next)) push('word', i + /^\$[0-9]+/.exec(sql.slice(i))![0].length);
    else if (/[A-Za-z_\u0080-\uffff]/.test(c)) push('word', wordEnd(sql, i));
    else if (/[0-9]/.test(c)) push('number', i + /^[0-9]+(\.[0-9]+)?/.exec(sql.slice(i))![0].length);
    else if (OP_CHARS.includes(c)) {
      let end = i;
      while (end < sql.length && OP_CHARS.includes(sql[end]!) && !(sql[end] === '-' && sql[end + 1] === '-')) end++;
      push('op', end);
    } else push('punct', i + 1);
  }
  return out;
}

function lineEnd(sql: string, from: number): number {
  const n = sql.indexOf('\n', from);
  return n < 0 ? sql.length : n;
}

function closing(sql: string, from: number, close: string): number {
  const n = sql.indexOf(close, from);
  return n < 0 ? sql.length : n + close.length;
}

/** End of a quoted token starting at `open` (a doubled quote is part of it). */
function quoted(sql: string, open: number, q: string): number {
  let j = open + 1;
  while (j < sql.length) {
    if (sql[j] === q && sql[j + 1] === q) j += 2;
    else if (sql[j] === q) return j + 1;
    else j++;
  }
  return sql.length;
}

function wordEnd(sql: string, from: number): number {
  let j = from;
  while (j < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j]!)) j++;
  return j;
}
