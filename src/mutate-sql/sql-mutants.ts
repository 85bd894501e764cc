/**
 * Token-level mutants of one SQL file: comparison operators (< ↔ <=, > ↔ >=, = → <>, <> → =, IS [NOT]
 * NULL, IS [NOT] DISTINCT FROM), AND ↔ OR, ±1 on an integer in + or − arithmetic, a dropped WHERE or
 * AND term, coalesce ↔ nullif, DISTINCT dropped, the first ORDER BY key reversed. Comments and quoted
 * strings are never touched; `=` is left alone where it assigns (SET …, WITH (option = …)).
 */
import { sqlTokens, type SqlToken } from './sql-tokens.ts';

export const SQL_MUTATION_OPERATORS = ['comparison', 'logical', 'integer', 'drop-where', 'drop-and-term', 'coalesce-nullif', 'drop-distinct', 'order-reversed'] as const;
export type SqlMutationOperator = (typeof SQL_MUTATION_OPERATORS)[number];

/** One change of a file's text: `length` characters at `at` replaced by `replacement`. */
export interface SqlEdit {
  operator: SqlMutationOperator;
  at: number;
  length: number;
  replacement: string;
}

const COMPARISON: Readonly<Record<string, string>> = { '<': '<=', '<=': '<', '>': '>=', '>=': '>', '<>': '=', '!=': '=' };
/** Where a condition (a WHERE or AND term) ends, at its own nesting depth. */
const CONDITION_END = new Set(['THEN', 'LOOP', 'ORDER', 'GROUP', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'RETURNING', 'WHEN', 'ELSE', 'END', 'DO', 'HAVING', 'WINDOW', 'ON', 'FOR', 'INTO']);
const SET_END = new Set(['FROM', 'WHERE', 'RETURNING', 'LANGUAGE', 'AS']);

/** Every mutant of `sql` (a step file's text), in file order. */
export function sqlEdits(sql: string): SqlEdit[] {
  const t = sqlTokens(sql).filter((x) => x.kind !== 'comment');
  const edits: SqlEdit[] = [];
  const replace = (operator: SqlMutationOperator, tok: SqlToken, replacement: string) => edits.push({ operator, at: tok.at, length: tok.text.length, replacement });
  const cut = (operator: SqlMutationOperator, from: SqlToken, to: SqlToken) => edits.push({ operator, at: from.at, length: to.at + to.text.length - from.at, replacement: '' });
  const same = (orig: string, word: string) => (orig === orig.toUpperCase() ? word.toUpperCase() : word.toLowerCase());
  const parens: string[] = [];
  let inSet = false;
  let between = false;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    const prev = t[i - 1];
    const next = t[i + 1];
    if (tok.text === '(') parens.push(prev?.upper ?? '');
    if (tok.text === ')') parens.pop();
    if (tok.upper === 'SET' && tok.kind === 'word') inSet = true;
    if (SET_END.has(tok.upper) || tok.text === ';' || tok.kind === 'dollar') inSet = false;
    if (tok.upper === 'BETWEEN') between = true;
    if (tok.kind === 'op') {
      const to = COMPARISON[tok.text];
      if (to) replace('comparison', tok, to);
      else if (tok.text === '=' && !inSet && parens.at(-1) !== 'WITH') replace('comparison', tok, '<>');
      if ((tok.text === '+' || tok.text === '-') && next?.kind === 'number' && !next.text.includes('.')) integer(next);
      if ((tok.text === '+' || tok.text === '-') && prev?.kind === 'number' && !prev.text.includes('.') && t[i - 2]?.text !== '::') integer(prev);
    }
    if (tok.kind !== 'word') continue;
    if (tok.upper === 'IS' && next?.upper === 'NOT') edits.push({ operator: 'comparison', at: next.at, length: t[i + 2]!.at - next.at, replacement: '' });
    else if (tok.upper === 'IS' && (next?.upper === 'NULL' || next?.upper === 'DISTINCT')) replace('comparison', next, `${same(tok.text, 'not')} ${next.text}`);
    if (tok.upper === 'AND' && between) between = false;
    else if (tok.upper === 'AND') {
      replace('logical', tok, same(tok.text, 'or'));
      const end = conditionEnd(t, i + 1, true);
      if (end > i) cut('drop-and-term', tok, t[end]!);
    } else if (tok.upper === 'OR' && next?.upper !== 'REPLACE') replace('logical', tok, same(tok.text, 'and'));
    if (tok.upper === 'WHERE' && next?.upper !== 'CURRENT') {
      const end = conditionEnd(t, i + 1, false);
      if (end > i) cut('drop-where', tok, t[end]!);
    }
    if ((tok.upper === 'COALESCE' || tok.upper === 'NULLIF') && next?.text === '(') replace('coalesce-nullif', tok, same(tok.text, tok.upper === 'COALESCE' ? 'nullif' : 'coalesce'));
    if (tok.upper === 'DISTINCT' && prev?.upper !== 'IS' && prev?.upper !== 'NOT' && next?.upper !== 'ON' && next) edits.push({ operator: 'drop-distinct', at: tok.at, length: next.at - tok.at, replacement: '' });
    if (tok.upper === 'BY' && prev?.upper === 'ORDER') orderReversed(i + 1);
  }
  return edits.sort((a, b) => a.at - b.at);

  function integer(n: SqlToken) {
    const v = Number(n.text);
    replace('integer', n, String(v + 1));
    if (v > 0) replace('integer', n, String(v - 1));
  }

  function orderReversed(from: number) {
    let depth = 0;
    let last = -1;
    for (let j = from; j < t.length; j++) {
      const x = t[j]!;
      if (depth === 0 && (x.text === ',' || x.text === ')' || x.text === ';' || x.kind === 'dollar' || ['LIMIT', 'OFFSET', 'FOR', 'LOOP', 'NULLS', 'ASC', 'DESC', 'UNION', 'RETURNING'].includes(x.upper))) {
        if (x.upper === 'DESC') replace('order-reversed', x, same(x.text, 'asc'));
        else if (x.upper === 'ASC') replace('order-reversed', x, same(x.text, 'desc'));
        else if (last >= 0) edits.push({ operator: 'order-reversed', at: t[last]!.at + t[last]!.text.length, length: 0, replacement: ' DESC' });
        return;
      }
      if (x.text === '(') depth++;
      if (x.text === ')') depth--;
      last = j;
    }
  }
}

/** The index of a condition's last token, starting at `from`; `andStops`: an AND/OR at its depth ends it too. */
function conditionEnd(t: readonly SqlToken[], from: number, andStops: boolean): number {
  let depth = 0;
  let cases = 0;
  let between = false;
  for (let j = from; j < t.length; j++) {
    const x = t[j]!;
    if (x.text === '(') depth++;
    if (x.text === ')') {
      if (depth === 0) return j - 1;
      depth--;
    }
    if (depth > 0) continue;
    if (x.upper === 'CASE') cases++;
    else if (x.upper === 'END' && cases > 0) {
      cases--;
      continue;
    }
    if (cases > 0) continue;
    if (x.upper === 'BETWEEN') between = true;
    if (x.text === ';' || x.text === ',' || x.kind === 'dollar' || CONDITION_END.has(x.upper)) return j - 1;
    if (andStops && (x.upper === 'AND' || x.upper === 'OR')) {
      if (x.upper === 'AND' && between) between = false;
      else return j - 1;
    }
  }
  return t.length - 1;
}
