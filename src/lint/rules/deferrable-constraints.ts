/**
 * Find the UNIQUE / PRIMARY KEY constraints declared DEFERRABLE in a set of statements: added with
 * `ALTER TABLE … ADD [CONSTRAINT n] UNIQUE (…) DEFERRABLE`, or declared inside `CREATE TABLE`
 * (table-level `UNIQUE (…) DEFERRABLE`, or a column's `UNIQUE DEFERRABLE`).
 */
import { lineAt, type Statement } from '../split-statements.ts';
import {
  baseName,
  columnList,
  createdTable,
  IDENT,
  matchingParen,
  QNAME,
  splitTopLevel,
  unquote,
} from './sql-names.ts';

export interface DeferrableConstraint {
  table: string;
  columns: string[];
  /** Constraint name when declared with `CONSTRAINT name`. */
  name: string | undefined;
  kind: 'UNIQUE' | 'PRIMARY KEY';
  statement: Statement;
  /** 1-based line of the `UNIQUE` / `PRIMARY KEY` keyword. */
  line: number;
}

const ALTER_TABLE = new RegExp(String.raw`^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QNAME})`, 'i');
const TABLE_CONSTRAINT = new RegExp(
  String.raw`^\s*(?:ADD\s+)?(?:CONSTRAINT\s+(${IDENT})\s+)?(UNIQUE|PRIMARY\s+KEY)\s*(?:NULLS\s+(?:NOT\s+)?DISTINCT\s*)?\(`,
  'i',
);
const COLUMN_DEF = new RegExp(String.raw`^\s*(${IDENT})\s+[\s\S]*?\b(UNIQUE|PRIMARY\s+KEY)\b`, 'i');

/** Deferrable constraints declared anywhere in `statements`, in order. */
export function deferrableConstraints(statements: readonly Statement[]): DeferrableConstraint[] {
  const found: DeferrableConstraint[] = [];
  for (const stmt of statements) {
    const alter = ALTER_TABLE.exec(stmt.code);
    const created = createdTable(stmt);
    if (alter) {
      const table = baseName(alter[1]!);
      const actionsFrom = alter[0].length;
      collectParts(stmt, table, actionsFrom, stmt.code.length, false, found);
    } else if (created !== undefined) {
      const open = stmt.code.indexOf('(');
      const close = open === -1 ? -1 : matchingParen(stmt.code, open);
      if (close !== -1) collectParts(stmt, created, open + 1, close - 1, true, found);
    }
  }
  return found;
}

function collectParts(
  stmt: Statement,
  table: string,
  from: number,
  to: number,
  inCreateTable: boolean,
  out: DeferrableConstraint[],
): void {
  let offset = from;
  for (const part of splitTopLevel(stmt.code.slice(from, to), ',')) {
    const partStart = offset;
    offset += part.length + 1;
    if (!isDeferrable(part)) continue;
    const tc = TABLE_CONSTRAINT.exec(part);
    if (tc) {
      const open = tc.index + tc[0].length - 1;
      const close = matchingParen(part, open);
      const columns = close === -1 ? [] : columnList(part.slice(open + 1, close - 1));
      const kindAt = part.search(/\b(UNIQUE|PRIMARY\s+KEY)\b/i);
      out.push({
        table,
        columns,
        name: tc[1] === undefined ? undefined : unquote(tc[1]),
        kind: /^UNIQUE$/i.test(tc[2]!) ? 'UNIQUE' : 'PRIMARY KEY',
        statement: stmt,
        line: lineAt(stmt, partStart + kindAt),
      });
      continue;
    }
    const col = inCreateTable ? COLUMN_DEF.exec(part) : null;
    if (col && !/^\s*(CONSTRAINT|CHECK|FOREIGN|EXCLUDE|LIKE)\b/i.test(part)) {
      out.push({
        table,
        columns: [unquote(col[1]!)],
        name: undefined,
        kind: /^UNIQUE$/i.test(col[2]!) ? 'UNIQUE' : 'PRIMARY KEY',
        statement: stmt,
        line: lineAt(stmt, partStart + col.index + col[0].length - col[2]!.length),
      });
    }
  }
}

const isDeferrable = (part: string): boolean =>
  /\bDEFERRABLE\b/i.test(part.replace(/\bNOT\s+DEFERRABLE\b/gi, ''));
