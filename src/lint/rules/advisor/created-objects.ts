/**
 * What a `CREATE` statement makes, for the advisor rules: a table, view, materialized view or function,
 * its (possibly missing) schema, and the properties Supabase's advisor looks at. Reads the masked code
 * (literals and dollar-quoted bodies blanked) for keywords, and the raw text for option values.
 */
import { matchingParen, QNAME, splitTopLevel } from '../sql-names.ts';
import { qualifiedName, type QualifiedName } from './privileges.ts';

export type ApiObjectKind = 'table' | 'view' | 'materialized-view' | 'function';

export interface CreatedObject extends QualifiedName {
  kind: ApiObjectKind;
  /** Index in the code where the statement's name starts (for the line). */
  at: number;
  /** `TEMP` objects live in pg_temp, never in an exposed schema. */
  temporary: boolean;
  /** Views: `WITH (security_invoker = true)` (or `on`, `yes`, `1`, bare). */
  securityInvoker: boolean;
  /** Functions: `SECURITY DEFINER`. */
  definer: boolean;
  /** Functions: a `SET search_path …` clause (any value, as splinter 0011 checks). */
  searchPathSet: boolean;
  /** Functions: `RETURNS trigger` / `event_trigger` (PostgreSQL refuses to call those directly). */
  returnsTrigger: boolean;
  /** Functions: the argument types as `REVOKE … ON FUNCTION` takes them, e.g. `(uuid, text)`. */
  signature: string;
}

const TABLE = new RegExp(
  String.raw`^\s*CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:(TEMP|TEMPORARY)\s+|UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${QNAME})`,
  'i',
);
const VIEW = new RegExp(
  String.raw`^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:(TEMP|TEMPORARY)\s+)?(?:RECURSIVE\s+)?VIEW\s+(${QNAME})\s*(?:\([^)]*\)\s*)?(?:WITH\s*(\([^)]*\)))?`,
  'i',
);
const MATVIEW = new RegExp(String.raw`^\s*CREATE\s+MATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(${QNAME})`, 'i');
const FUNCTION = new RegExp(String.raw`^\s*CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(${QNAME})\s*\(`, 'i');

/** The object `code` creates (`text` is the same slice unmasked), or undefined. */
export function createdObject(code: string, text: string): CreatedObject | undefined {
  const base = { temporary: false, securityInvoker: false, definer: false, searchPathSet: false, returnsTrigger: false, signature: '' };
  const table = TABLE.exec(code);
  if (table) return { ...base, ...qualifiedName(table[2]!), kind: 'table', at: nameAt(table, 2), temporary: table[1] !== undefined };
  const matview = MATVIEW.exec(code);
  if (matview) return { ...base, ...qualifiedName(matview[1]!), kind: 'materialized-view', at: nameAt(matview, 1) };
  const view = VIEW.exec(code);
  if (view) {
    const options = view[3] === undefined ? '' : text.slice(view.index + view[0].length - view[3].length, view.index + view[0].length);
    return {
      ...base,
      ...qualifiedName(view[2]!),
      kind: 'view',
      at: nameAt(view, 2),
      temporary: view[1] !== undefined,
      securityInvoker: securityInvokerIn(options) === true,
    };
  }
  const fn = FUNCTION.exec(code);
  if (fn) {
    const open = fn.index + fn[0].length - 1;
    const close = matchingParen(code, open);
    const attributes = close === -1 ? '' : code.slice(close);
    return {
      ...base,
      ...qualifiedName(fn[1]!),
      kind: 'function',
      at: nameAt(fn, 1),
      definer: /\bSECURITY\s+DEFINER\b/i.test(attributes),
      searchPathSet: /\bSET\s+search_path\b/i.test(attributes),
      returnsTrigger: /^\s*RETURNS\s+(?:pg_catalog\s*\.\s*)?(?:event_)?trigger\b/i.test(attributes),
      signature: close === -1 ? '()' : argumentTypes(code.slice(open + 1, close - 1)),
    };
  }
  return undefined;
}

/**
 * `security_invoker` in a reloption list `( … )`: true / false when set, undefined when absent.
 * Values as PostgreSQL's boolean reloptions take them (and splinter 0010 checks): true/on/yes/1.
 */
export function securityInvokerIn(options: string): boolean | undefined {
  for (const option of splitTopLevel(options.replace(/^\s*\(|\)\s*$/g, ''), ',')) {
    const m = /^\s*"?security_invoker"?\s*(?:=\s*'?([^'\s]*)'?)?\s*$/i.exec(option);
    if (m) return m[1] === undefined || ['true', 'on', 'yes', '1', 't', 'y'].includes(m[1].toLowerCase());
  }
  return undefined;
}

/** `p_id uuid, OUT n int, p_x text DEFAULT 'a'` → `(uuid, text)`: the identity REVOKE … ON FUNCTION takes. */
function argumentTypes(args: string): string {
  const types = splitTopLevel(args, ',')
    .map((a) => a.replace(/\s+(?:DEFAULT\b|=)[\s\S]*$/i, '').trim())
    .filter((a) => a !== '' && !/^OUT\b/i.test(a))
    .map((a) => a.replace(/^(?:IN|INOUT|VARIADIC)\s+/i, ''))
    .map((a) => {
      const words = a.split(/\s+/);
      // `name type`: drop the name unless the whole thing is a (multi-word) type such as `double precision`
      return words.length > 1 && !MULTI_WORD_TYPE.test(a) ? words.slice(1).join(' ') : a;
    });
  return `(${types.join(', ')})`;
}

const MULTI_WORD_TYPE = /^(?:double\s+precision|character\s+varying|bit\s+varying|time(?:stamp)?\s+with(?:out)?\s+time\s+zone)\b/i;

function nameAt(m: RegExpExecArray, group: number): number {
  return m.index + m[0].lastIndexOf(m[group]!);
}
