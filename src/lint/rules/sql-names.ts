/**
 * Regex pieces and helpers for names in the masked statement text (`Statement.code`), shared by the rules.
 */
import type { Statement } from '../split-statements.ts';

/** One identifier: `"Quoted ""name"""` or a plain word. */
export const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_\u0080-\uFFFF][\w$\u0080-\uFFFF]*)`;
/** A possibly schema-qualified name. */
export const QNAME = String.raw`${IDENT}(?:\s*\.\s*${IDENT})*`;

/** The unqualified, case-folded name: `public."Weeks"` → `Weeks`, `public.weeks` → `weeks`. */
export function baseName(qualified: string): string {
  const parts = qualified.match(new RegExp(IDENT, 'g')) ?? [qualified];
  return unquote(parts[parts.length - 1]!.trim());
}

export function unquote(ident: string): string {
  return ident.startsWith('"') ? ident.slice(1, -1).replace(/""/g, '"') : ident.toLowerCase();
}

/** `(a, "B", c)` contents → ['a', 'B', 'c'], each element's leading identifier only. */
export function columnList(inner: string): string[] {
  return splitTopLevel(inner, ',')
    .map((part) => new RegExp(`^\\s*(${IDENT})`).exec(part)?.[1])
    .filter((c): c is string => c !== undefined)
    .map(unquote);
}

/** Split at `sep` outside parentheses. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(text.slice(last));
  return parts;
}

/** Index just past the `)` matching the `(` at `open`, or -1. */
export function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

const CREATE_TABLE = new RegExp(
  String.raw`^\s*CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${QNAME})`,
  'i',
);

/** The table a `CREATE TABLE` statement creates (base name), or undefined. */
export function createdTable(stmt: Statement): string | undefined {
  const m = CREATE_TABLE.exec(stmt.code);
  return m ? baseName(m[1]!) : undefined;
}

/** A short one-line excerpt of a statement for messages. */
export function excerpt(stmt: Statement, max = 60): string {
  const flat = stmt.code.replace(/\s+/g, ' ').trim().replace(/;$/, '');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
