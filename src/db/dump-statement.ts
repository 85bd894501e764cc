/**
 * What a legacy dump may say, statement by statement: data for auth.users and habit_tracker (INSERT …
 * VALUES with literal values only), the id sequence's setval, the session settings pg_dump writes,
 * and transaction control (ignored: the load is one transaction of ours). Everything else is refused.
 * Settings become SET LOCAL, so they end with the load's transaction.
 */
import { dumpTokens, nameOf, type DumpToken } from './dump-tokens.ts';

export type DumpAction =
  | { kind: 'skip' }
  | { kind: 'run'; sql: string; table?: DumpTable; ignoredColumns?: readonly string[] }
  | { kind: 'refuse'; reason: string; hint: string };

export type DumpTable = 'auth.users' | 'habit_tracker';

/** The columns of the harness's auth.users (src/db/supabase-shim.sql) and their types: the ones a dump's auth.users keeps. */
export const AUTH_USERS_COLUMNS: Readonly<Record<string, string>> = { id: 'uuid', email: 'text', raw_user_meta_data: 'jsonb', created_at: 'timestamptz' };

export const DUMP_HINT = 'a legacy dump holds data only: make it with `pg_dump --data-only --column-inserts -t auth.users -t public.habit_tracker` (or `habit-verify generate`)';

/** Settings pg_dump writes: applied for the load's transaction, or skipped (timeouts, messages). */
const SETTINGS: Readonly<Record<string, 'apply' | 'skip' | 'utf8' | 'on' | 'off'>> = {
  statement_timeout: 'skip',
  lock_timeout: 'skip',
  idle_in_transaction_session_timeout: 'skip',
  transaction_timeout: 'skip',
  client_min_messages: 'skip',
  check_function_bodies: 'skip',
  xmloption: 'skip',
  row_security: 'skip',
  default_tablespace: 'skip',
  default_table_access_method: 'skip',
  client_encoding: 'utf8',
  standard_conforming_strings: 'on',
  default_with_oids: 'off',
  search_path: 'apply',
  timezone: 'apply',
  datestyle: 'apply',
  intervalstyle: 'apply',
};

const SEQUENCES = new Set(["'public.habit_tracker_id_seq'", "'habit_tracker_id_seq'"]);
/** The sequence line `habit-verify generate` writes. */
const GENERATED_SETVAL =
  "select setval(pg_get_serial_sequence('public.habit_tracker', 'id'), coalesce(max(id), 1), max(id) is not null) from public.habit_tracker;";
const TRANSACTION = new Set(['begin', 'commit', 'end', 'start']);

export function classifyMeta(text: string): DumpAction {
  const command = /^\\(\S+)/.exec(text)?.[1];
  // pg_dump 15.14+/16.10+/17.6+ fence a dump with \restrict <key> … \unrestrict <key> (psql refuses other meta-commands in between).
  if (command === 'restrict' || command === 'unrestrict') return { kind: 'skip' };
  return { kind: 'refuse', reason: `psql meta-command not allowed in a legacy dump: ${excerpt(text)}`, hint: DUMP_HINT };
}

export function classifyStatement(text: string): DumpAction {
  const tokens = dumpTokens(text);
  if (!tokens) return refuse(text);
  const t = new Cursor(tokens);
  const head = t.word();
  if (head !== undefined && TRANSACTION.has(head)) return { kind: 'skip' };
  if (head === 'copy') {
    return { kind: 'refuse', reason: 'COPY is not supported in a legacy dump', hint: 'dump with INSERT statements: pg_dump --data-only --column-inserts -t auth.users -t public.habit_tracker' };
  }
  if (head === 'set') return setting(text, t);
  if (head === 'select') return select(text, t);
  if (head === 'insert') return insert(text, t);
  return refuse(text);
}

function setting(text: string, t: Cursor): DumpAction {
  if (t.peekWord() === 'session' || t.peekWord() === 'local') t.next();
  const name = t.word();
  const rule = name === undefined ? undefined : SETTINGS[name];
  if (!rule || !(t.punct('=') || t.word() === 'to')) return refuse(text, 'only the session settings pg_dump writes may be SET');
  const value = t.peek();
  const valueStart = value?.start ?? text.length;
  const plain = value?.kind === 'string' ? value.value.slice(1, -1).toLowerCase() : value?.value;
  if (rule === 'skip') return { kind: 'skip' };
  if (rule === 'utf8') {
    return plain === 'utf8' || plain === 'utf-8' || plain === 'unicode'
      ? { kind: 'skip' }
      : { kind: 'refuse', reason: `the dump is in client encoding ${value?.value ?? '?'}; the loader reads UTF-8`, hint: 'dump again with pg_dump --encoding=UTF8' };
  }
  if (rule === 'on' || rule === 'off') {
    const want = rule === 'on' ? ['on', 'true'] : ['off', 'false'];
    return plain !== undefined && want.includes(plain) ? { kind: 'skip' } : refuse(text, `the loader reads dumps with ${name} = ${rule}`);
  }
  return { kind: 'run', sql: `SET LOCAL ${name} = ${text.slice(valueStart)}` };
}

function select(text: string, t: Cursor): DumpAction {
  if (oneLine(text).toLowerCase() === GENERATED_SETVAL) return { kind: 'run', sql: text };
  if (t.peekWord() === 'pg_catalog' && t.at(1)?.value === '.') t.skip(2);
  const fn = t.word();
  if (!t.punct('(')) return refuse(text);
  const args: DumpToken[][] = [];
  let arg: DumpToken[] = [];
  for (let tok = t.next(); tok && tok.value !== ')'; tok = t.next()) {
    if (tok.kind === 'punct' && tok.value === ',') {
      args.push(arg);
      arg = [];
    } else arg.push(tok);
  }
  args.push(arg);
  if (!t.punct(';') || !t.done()) return refuse(text);
  const one = args.map((a) => (a.length === 1 ? a[0]! : a.length === 2 && a[0]!.value === '-' && a[1]!.kind === 'number' ? { ...a[1]!, value: `-${a[1]!.value}` } : undefined));
  const bool = (x: DumpToken | undefined) => x?.kind === 'word' && (x.value === 'true' || x.value === 'false');
  if (fn === 'setval') {
    const [seq, n, called] = one;
    const ok = seq?.kind === 'string' && SEQUENCES.has(seq.value) && n?.kind === 'number' && /^-?\d+$/.test(n.value) && (one.length === 2 || (one.length === 3 && bool(called)));
    return ok ? { kind: 'run', sql: text } : refuse(text, "setval only of habit_tracker's id sequence, with literal arguments");
  }
  if (fn === 'set_config') {
    const [name, value, local] = one;
    if (one.length !== 3 || name?.kind !== 'string' || value?.kind !== 'string' || !bool(local)) return refuse(text);
    const rule = SETTINGS[name.value.slice(1, -1).toLowerCase()];
    if (rule === 'skip') return { kind: 'skip' };
    if (rule !== 'apply') return refuse(text, 'only the session settings pg_dump writes may be set');
    return { kind: 'run', sql: `SELECT pg_catalog.set_config(${name.value}, ${value.value}, true);` };
  }
  return refuse(text);
}

function insert(text: string, t: Cursor): DumpAction {
  if (t.word() !== 'into') return refuse(text);
  const firstToken = t.next();
  const first = nameOf(firstToken);
  let tableEnd = firstToken?.end ?? 0;
  let table: DumpTable | undefined;
  if (t.punct('.')) {
    const secondToken = t.next();
    const second = nameOf(secondToken);
    tableEnd = secondToken?.end ?? tableEnd;
    if (first === 'auth' && second === 'users') table = 'auth.users';
    else if (first === 'public' && second === 'habit_tracker') table = 'habit_tracker';
  } else if (first === 'habit_tracker') table = 'habit_tracker';
  if (!table) return refuse(text, 'a dump may only INSERT INTO auth.users or public.habit_tracker');
  let columns: string[] | undefined;
  let columnsEnd = tableEnd;
  if (t.punct('(')) {
    columns = [];
    do {
      const c = nameOf(t.next());
      if (c === undefined) return refuse(text);
      columns.push(c);
    } while (t.punct(','));
    columnsEnd = t.peek()?.end ?? columnsEnd;
    if (!t.punct(')')) return refuse(text);
  }
  if (t.peekWord() === 'overriding') {
    t.next();
    if (!['system', 'user'].includes(t.word() ?? '') || t.word() !== 'value') return refuse(text);
  }
  const valuesAt = t.peek();
  if (t.word() !== 'values') return refuse(text, 'INSERT … VALUES with literal values only');
  const tuples = readTuples(t);
  if (typeof tuples === 'string') return refuse(text, tuples);
  const restStart = t.peek()?.start ?? text.length;
  if (t.peekWord() === 'on') {
    t.next();
    if (t.word() !== 'conflict' || t.word() !== 'do' || t.word() !== 'nothing') return refuse(text);
  }
  if (!t.punct(';') && !t.done()) return refuse(text, 'INSERT … VALUES with literal values only');
  if (!t.done()) return refuse(text);
  if (table === 'habit_tracker') return { kind: 'run', sql: text, table };

  // auth.users: keep the columns the harness has, by name; a real Supabase auth.users has many more.
  const width = tuples.width;
  if (!columns) {
    const n = Object.keys(AUTH_USERS_COLUMNS).length;
    if (width === n) return { kind: 'run', sql: text, table };
    return {
      kind: 'refuse',
      reason: `INSERT INTO auth.users without column names has ${width} values per row: which one is id or email cannot be told`,
      hint: 'dump auth.users with pg_dump --column-inserts (the loader keeps id, email, raw_user_meta_data and created_at by name and ignores the other columns)',
    };
  }
  if (columns.length !== width) return refuse(text, `${columns.length} columns but ${width} values per row`);
  const kept = columns.filter((c) => c in AUTH_USERS_COLUMNS);
  const ignored = columns.filter((c) => !(c in AUTH_USERS_COLUMNS));
  if (!kept.includes('id')) return refuse(text, 'INSERT INTO auth.users without an id column');
  if (ignored.length === 0) return { kind: 'run', sql: text, table };
  const select = kept.map((c) => `v.${c}::${AUTH_USERS_COLUMNS[c]}`).join(', ');
  const overriding = text.slice(columnsEnd, valuesAt!.start).trim();
  const sql =
    `${text.slice(0, tableEnd)} (${kept.join(', ')}) ${overriding ? `${overriding} ` : ''}` +
    `SELECT ${select} FROM (${text.slice(valuesAt!.start, restStart).trimEnd()}) AS v(${columns.map(quoteIdent).join(', ')}) ${text.slice(restStart)}`;
  return { kind: 'run', sql, table, ignoredColumns: ignored };
}

/** `( value, … ), …` with literal values (optionally cast); the number of values per tuple, or why not. */
function readTuples(t: Cursor): { width: number } | string {
  let width = -1;
  do {
    if (!t.punct('(')) return 'INSERT … VALUES (…) with literal values only';
    let n = 0;
    do {
      const problem = readValue(t);
      if (problem) return problem;
      n++;
    } while (t.punct(','));
    if (!t.punct(')')) return `only literal values may follow VALUES (found ${t.peek()?.value ?? 'the end'})`;
    if (width >= 0 && n !== width) return 'rows of one INSERT have different numbers of values';
    width = n;
  } while (t.punct(','));
  return { width };
}

function readValue(t: Cursor): string | undefined {
  const v = t.next();
  if (!v) return 'the statement ends inside VALUES';
  if (v.kind === 'punct' && (v.value === '-' || v.value === '+')) {
    if (t.next()?.kind !== 'number') return 'only literal values may follow VALUES';
  } else if (!(v.kind === 'string' || v.kind === 'number' || (v.kind === 'word' && ['null', 'true', 'false', 'default'].includes(v.value)))) {
    return `only literal values may follow VALUES (found ${v.value}${t.peek()?.value === '(' ? '(…)' : ''})`;
  }
  while (t.punct('::')) {
    // A type name: words and dots, (n, m), [] — e.g. character varying(255), timestamp with time zone, text[].
    let any = false;
    for (let p = t.peek(); p; p = t.peek()) {
      if (p.kind === 'word' || p.kind === 'ident' || p.value === '.' || p.value === '[' || p.value === ']') t.next();
      else if (p.value === '(') {
        t.next();
        while (t.peek()?.kind === 'number' || t.peek()?.value === ',') t.next();
        if (!t.punct(')')) return 'only literal values may follow VALUES';
      } else break;
      any = true;
    }
    if (!any) return 'a cast without a type';
  }
  return undefined;
}

class Cursor {
  position = 0;
  constructor(private readonly tokens: readonly DumpToken[]) {}
  peek(): DumpToken | undefined {
    return this.tokens[this.position];
  }
  at(offset: number): DumpToken | undefined {
    return this.tokens[this.position + offset];
  }
  next(): DumpToken | undefined {
    return this.tokens[this.position++];
  }
  skip(n: number): void {
    this.position += n;
  }
  done(): boolean {
    return this.position >= this.tokens.length;
  }
  peekWord(): string | undefined {
    const p = this.peek();
    return p?.kind === 'word' ? p.value : undefined;
  }
  word(): string | undefined {
    const p = this.peek();
    if (p?.kind !== 'word') return undefined;
    this.position++;
    return p.value;
  }
  punct(value: string): boolean {
    const p = this.peek();
    if (p?.kind !== 'punct' || p.value !== value) return false;
    this.position++;
    return true;
  }
}

function refuse(text: string, why?: string): DumpAction {
  return { kind: 'refuse', reason: `statement not allowed in a legacy dump${why ? ` (${why})` : ''}: ${excerpt(text)}`, hint: DUMP_HINT };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

/** The statement on one line, at most 120 characters. */
export function excerpt(sql: string): string {
  const one = oneLine(sql);
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}
