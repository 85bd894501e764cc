/**
 * The supabase-js calls the plan makes, translated to SQL on a pg client — exactly those and nothing
 * more: `from(t).select(cols, { count, head })` with `.eq` `.gt` `.order` `.limit` `.single()`;
 * `.insert(rows)` and `.upsert(rows, { onConflict, ignoreDuplicates })`, with `.select()` and
 * `.single()`; `rpc(fn, args)`; select lists that embed related tables (`children!inner(*)`,
 * `habits(*, habit_records(*))`, see supabase-select.ts). The database stays real.
 *
 * As supabase-js v2 does, an awaited call resolves to `{ data, error, count }` and does not reject on
 * a database error: the plan often ignores `error`, which is the point. Kept from PostgREST:
 * - one request = one transaction (BEGIN … COMMIT, so a DEFERRABLE constraint is checked at the end
 *   of the request; a SAVEPOINT when the caller's connection is already in a transaction, so a failed
 *   request leaves the caller's transaction usable, as a request on another connection would);
 * - rows as PostgREST renders them (row_to_json: dates `YYYY-MM-DD`, timestamptz ISO with an offset,
 *   bigint as a number);
 * - bodies as JSON (`JSON.stringify`: a Date becomes an ISO string, an undefined value disappears)
 *   read by json_populate_recordset; for an array the columns are the union of the objects' keys and
 *   a missing value is NULL (postgrest-js's defaultToNull), for one object its JSON keys (the other
 *   columns take their defaults);
 * - filter values as text (`${value}`: undefined becomes 'undefined'), cast by Postgres to the column;
 * - `.single()`: an error (PGRST116) and the request rolled back unless exactly one row;
 * - at most `maxRows` rows per response (Supabase's API setting "Max rows", 1000 by default).
 * What differs: errors keep Postgres's SQLSTATE where PostgREST would answer from its schema cache
 * (an unknown column: 42703, not PGRST204; an unknown function: 42883, not PGRST202). Requests run as
 * the connection's role: the harness's owner role stands in for the service-role key (both bypass
 * RLS), and a caller that set a role (a signed-in user) is that user, as a browser client would be.
 * Requests on one client run one after the other (supabase-js would send them in parallel).
 */
import type pg from 'pg';
import { transactionStatus } from './transaction-status.ts';
import { EmbedError, filterSql, hasEmbeds, ident, parseSelect, readRelationships, selectSql, type SelectItem, type SqlFilter } from './supabase-select.ts';

/** The plan's JavaScript is untyped: its rows are `any` here as there. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface PostgrestError {
  message: string;
  code: string;
  details: string | null;
  hint: string | null;
}

export interface PostgrestResponse {
  data: Json;
  error: PostgrestError | null;
  count: number | null;
}

export interface SupabaseOptions {
  /** Supabase's "Max rows" API setting (default 1000). */
  maxRows?: number;
}

/** The translated client: what the plan calls `supabase`. */
export interface Supabase {
  from(table: string): Query;
  rpc(fn: string, args?: Record<string, unknown>): PromiseLike<PostgrestResponse>;
  /** Requests sent so far (each an HTTP round trip for supabase-js). */
  readonly requests: number;
}

export function createSupabase(db: pg.ClientBase, opts: SupabaseOptions = {}): Supabase {
  const state = { requests: 0 };
  const send = (run: () => Promise<{ data: Json; count: number | null }>) => {
    state.requests++;
    return serialized(db, () => asRequest(db, run));
  };
  return {
    from: (table) => new Query(db, table, opts.maxRows ?? 1000, send),
    rpc: (fn, args = {}) =>
      send(async () => {
        const names = Object.keys(args);
        const call = `public.${ident(fn)}(${names.map((n, i) => `${ident(n)} := $${i + 1}`).join(', ')})`;
        const params = names.map((n) => (typeof args[n] === 'string' ? args[n] : JSON.stringify(args[n])));
        const { rows } = await db.query<{ body: Json }>(`SELECT to_json(${call}) AS body`, params);
        return { data: rows[0]?.body ?? null, count: null };
      }),
    get requests() {
      return state.requests;
    },
  };
}

type Send = (run: () => Promise<{ data: Json; count: number | null }>) => Promise<PostgrestResponse>;

/** `.single()` found other than one row: PostgREST's 406, and the request rolled back. */
class NotSingle extends Error {
  constructor(readonly rows: number) {
    super('Cannot coerce the result to a single JSON object');
  }
}

/** One `supabase.from(table)…` chain; awaiting it sends the request. */
export class Query implements PromiseLike<PostgrestResponse> {
  private kind: 'select' | 'insert' | 'upsert' = 'select';
  private columns: SelectItem[] = [{ column: '*' }];
  private returning: SelectItem[] | undefined;
  private head = false;
  private countExact = false;
  private readonly filters: Array<{ column: string; op: '=' | '>'; value: string }> = [];
  private readonly orders: Array<{ column: string; ascending: boolean }> = [];
  private max: number | undefined;
  private one = false;
  private body: unknown;
  private onConflict: string | undefined;
  private ignoreDuplicates = false;

  constructor(
    private readonly db: pg.ClientBase,
    private readonly table: string,
    private readonly maxRows: number,
    private readonly send: Send,
  ) {}

  select(columns = '*', opts: { count?: 'exact'; head?: boolean } = {}): this {
    // parsed here, at the plan's call: a select list this translation cannot read is a bug of the port, thrown
    if (this.kind !== 'select') {
      this.returning = parseSelect(columns);
      return this;
    }
    this.columns = parseSelect(columns);
    this.head = opts.head ?? false;
    this.countExact = opts.count === 'exact';
    return this;
  }
  insert(values: unknown): this {
    this.kind = 'insert';
    this.body = values;
    return this;
  }
  upsert(values: unknown, opts: { onConflict?: string; ignoreDuplicates?: boolean } = {}): this {
    this.kind = 'upsert';
    this.body = values;
    this.onConflict = opts.onConflict;
    this.ignoreDuplicates = opts.ignoreDuplicates ?? false;
    return this;
  }
  eq(column: string, value: unknown): this {
    this.filters.push({ column, op: '=', value: `${value as string}` });
    return this;
  }
  gt(column: string, value: unknown): this {
    this.filters.push({ column, op: '>', value: `${value as string}` });
    return this;
  }
  order(column: string, opts: { ascending?: boolean } = {}): this {
    this.orders.push({ column, ascending: opts.ascending ?? true });
    return this;
  }
  limit(n: number): this {
    this.max = n;
    return this;
  }
  single(): this {
    this.one = true;
    return this;
  }

  then<A = PostgrestResponse, B = never>(onfulfilled?: ((v: PostgrestResponse) => A | PromiseLike<A>) | null, onrejected?: ((e: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    return this.send(() => (this.kind === 'select' ? this.runSelect() : this.runWrite())).then(onfulfilled, onrejected);
  }

  private sqlFilters(): { filters: SqlFilter[]; params: string[] } {
    const filters = this.filters.map((f, i) => {
      const parts = f.column.split('.');
      return { path: parts.slice(0, -1), column: parts[parts.length - 1]!, op: f.op, param: i + 1 };
    });
    return { filters, params: this.filters.map((f) => f.value) };
  }

  private async runSelect(): Promise<{ data: Json; count: number | null }> {
    const { filters, params } = this.sqlFilters();
    const items = this.columns;
    const rels = hasEmbeds(items) ? await readRelationships(this.db) : [];
    let n = 0;
    const { columns, inner } = selectSql(this.table, '_t', items, [], filters, rels, () => `_e${n++}`);
    const where = [...filterSql('_t', [], filters), ...inner];
    const from = `FROM public.${ident(this.table)} _t${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const count = this.countExact ? Number((await this.db.query<{ n: string }>(`SELECT count(*) AS n ${from}`, params)).rows[0]!.n) : null;
    if (this.head) return { data: null, count };
    const order = this.orders.length ? ` ORDER BY ${this.orders.map((o) => `_t.${ident(o.column)} ${o.ascending ? 'ASC' : 'DESC'}`).join(', ')}` : '';
    const limit = Math.min(this.max ?? this.maxRows, this.maxRows);
    const { rows } = await this.db.query<{ body: Json[] }>(
      `SELECT coalesce(json_agg(_r), '[]'::json) AS body FROM (SELECT ${columns} ${from}${order} LIMIT ${limit}) _r`,
      params,
    );
    return this.shaped(rows[0]!.body, count);
  }

  private async runWrite(): Promise<{ data: Json; count: number | null }> {
    const json = JSON.stringify(this.body);
    const payload: unknown = JSON.parse(json);
    const columns = Array.isArray(this.body)
      ? [...new Set((this.body as object[]).flatMap((o) => Object.keys(o)))]
      : Object.keys(payload as object);
    const cols = columns.map(ident).join(', ');
    const target = `public.${ident(this.table)}`;
    let conflict = '';
    if (this.kind === 'upsert') {
      const keys = this.onConflict ? this.onConflict.split(',').map((s) => s.trim()) : await primaryKey(this.db, this.table);
      conflict = ` ON CONFLICT (${keys.map(ident).join(', ')}) ${
        this.ignoreDuplicates ? 'DO NOTHING' : `DO UPDATE SET ${columns.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}`
      }`;
    }
    const insert = `INSERT INTO ${target} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${target}, $1::json) _p${conflict}`;
    if (this.returning === undefined) {
      await this.db.query(insert, [Array.isArray(payload) ? json : `[${json}]`]);
      return { data: null, count: null };
    }
    const { columns: ret } = selectSql(this.table, '_w', this.returning, [], [], [], () => '_x');
    const { rows } = await this.db.query<{ body: Json[] }>(
      `WITH _w AS (${insert} RETURNING *) SELECT coalesce(json_agg(_r), '[]'::json) AS body FROM (SELECT ${ret} FROM _w) _r`,
      [Array.isArray(payload) ? json : `[${json}]`],
    );
    return this.shaped(rows[0]!.body, null);
  }

  private shaped(rows: Json[], count: number | null): { data: Json; count: number | null } {
    if (!this.one) return { data: rows, count };
    if (rows.length !== 1) throw new NotSingle(rows.length);
    return { data: rows[0], count };
  }
}

async function primaryKey(db: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await db.query<{ a: string }>(
    `SELECT a.attname::text AS a FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [`public.${ident(table)}`],
  );
  return rows.map((r) => r.a);
}

/** Runs one request in its own transaction (or savepoint) and turns any database error into `error`. */
async function asRequest(db: pg.ClientBase, run: () => Promise<{ data: Json; count: number | null }>): Promise<PostgrestResponse> {
  const inTransaction = transactionStatus(db) !== 'I';
  const [begin, commit, abort] = inTransaction
    ? ['SAVEPOINT supabase_js_request', 'RELEASE SAVEPOINT supabase_js_request', 'ROLLBACK TO SAVEPOINT supabase_js_request; RELEASE SAVEPOINT supabase_js_request']
    : ['BEGIN', 'COMMIT', 'ROLLBACK'];
  try {
    await db.query(begin);
    const out = await run();
    await db.query(commit);
    return { ...out, error: null };
  } catch (err) {
    await db.query(abort).catch(() => undefined);
    return { data: null, count: null, error: toPostgrestError(err) };
  }
}

function toPostgrestError(err: unknown): PostgrestError {
  if (err instanceof NotSingle) {
    return { message: err.message, code: 'PGRST116', details: `The result contains ${err.rows} rows`, hint: null };
  }
  if (err instanceof EmbedError) return { message: err.message, code: err.code, details: null, hint: null };
  const e = err as { message?: string; code?: string; detail?: string; hint?: string };
  return { message: String(e.message ?? err), code: e.code ?? '', details: e.detail ?? null, hint: e.hint ?? null };
}

const queues = new WeakMap<pg.ClientBase, Promise<unknown>>();

/** One request at a time per client: a pg client runs one transaction at a time. */
function serialized<T>(db: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  const next = (queues.get(db) ?? Promise.resolve()).then(fn, fn);
  queues.set(db, next.catch(() => undefined));
  return next;
}
