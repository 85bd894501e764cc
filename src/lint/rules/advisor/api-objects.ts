/**
 * The state, at the end of each migration unit, of every table, view, materialized view and function
 * the unit creates (temporary ones aside): is RLS on, is the view security_invoker, is the
 * function a pinned SECURITY DEFINER, and which API roles can still reach it. This is what Supabase's
 * security advisor (splinter) reads from the catalog of a live database; here it is read from the SQL.
 *
 * Privileges start as production gives them, strictly: PostgreSQL grants EXECUTE on a new function to
 * PUBLIC, and where Supabase's automatic grants are on (its default until 2026; both regimes exist in
 * the field) `anon` and `authenticated` get every privilege on new tables, views and functions in
 * `public`. A `REVOKE` in the unit takes them away, a `GRANT` gives them back.
 */
import type { SqlChunk } from '../../extract-sql.ts';
import { lineAt, type Statement } from '../../split-statements.ts';
import type { RuleContext } from '../rule.ts';
import { QNAME } from '../sql-names.ts';
import { createdObject, securityInvokerIn, type ApiObjectKind, type CreatedObject } from './created-objects.ts';
import { migrationUnits, type UnitCommand } from './migration-units.ts';
import { privilegeChange, qualifiedName, type PrivilegeChange } from './privileges.ts';

/** Schemas the Data API (PostgREST) exposes on a default Supabase project. */
export const EXPOSED_SCHEMAS: readonly string[] = ['public'];

export type ApiRole = 'anon' | 'authenticated';
export const API_ROLES: readonly ApiRole[] = ['anon', 'authenticated'];

export interface ApiObject extends Omit<CreatedObject, 'at' | 'temporary'> {
  schema: string;
  statement: Statement;
  /** 1-based line of the object's name in its CREATE statement. */
  line: number;
  /** RLS enabled in the unit (tables). */
  rls: boolean;
  /**
   * API roles that can still read / write it (relations) or execute it (functions) after the unit;
   * none when its schema is not one the API exposes.
   */
  exposedTo: ApiRole[];
  /** Those of `exposedTo` that a GRANT in the unit gave it to (rather than the defaults). */
  grantedTo: ApiRole[];
  /**
   * A file earlier in the scope creates it first: `CREATE OR REPLACE` / `IF NOT EXISTS` keep the
   * privileges that file left, so this unit's privileges say nothing about it.
   */
  redefinition: boolean;
}

/** Every object created by the units of `ctx.statements`, in order. */
export function apiObjects(ctx: RuleContext): ApiObject[] {
  const firstCreator = firstCreators(ctx.scope);
  return migrationUnits(ctx.statements).flatMap((unit) =>
    unitObjects(unit.commands).map((o) => ({
      ...o,
      redefinition: (firstCreator.get(keyOf(o.kind, o.schema, o.name)) ?? unit.chunk) !== unit.chunk,
    })),
  );
}

interface Tracked extends Omit<ApiObject, 'exposedTo' | 'grantedTo' | 'redefinition'> {
  /** Roles (`public`, `anon`, `authenticated`) still holding the privileges that matter. */
  holders: Set<string>;
  /** Holders whose privilege comes from a GRANT in the unit. */
  granted: Set<string>;
}

function unitObjects(commands: readonly UnitCommand[]): Array<Omit<ApiObject, 'redefinition'>> {
  const objects = new Map<string, Tracked>();
  let schema = 'public'; // where an unqualified name lands: the first schema of search_path
  for (const command of commands) {
    const { code, text, statement } = command;
    schema = searchPathSchema(command) ?? schema;
    const created = createdObject(code, text);
    if (created) {
      if (created.temporary) continue;
      const objectSchema = created.schema ?? schema;
      const key = keyOf(created.kind, objectSchema, created.name);
      const { at: _at, temporary: _temp, ...properties } = created;
      const previous = objects.get(key);
      objects.set(key, {
        ...properties,
        schema: objectSchema,
        statement,
        line: lineAt(statement, command.offset + created.at),
        rls: previous?.rls ?? false,
        holders: previous?.holders ?? new Set(created.kind === 'function' ? ['public', ...API_ROLES] : API_ROLES),
        granted: previous?.granted ?? new Set(),
      });
      continue;
    }
    const change = privilegeChange(code);
    if (change) {
      applyPrivilegeChange(objects, change, schema);
      continue;
    }
    applyAlter(objects, code, text, schema);
    applyDrop(objects, code, schema);
  }
  return [...objects.values()].map(({ holders, granted, ...o }) => {
    const exposedTo = EXPOSED_SCHEMAS.includes(o.schema) ? API_ROLES.filter((r) => holders.has(r) || holders.has('public')) : [];
    return { ...o, exposedTo, grantedTo: exposedTo.filter((r) => granted.has(r) || granted.has('public')) };
  });
}

/**
 * Privileges through which the API reaches a relation (PostgREST reads and writes rows; TRUNCATE,
 * REFERENCES, TRIGGER it cannot use). A materialized view can only be read.
 */
const ROW_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const rowPrivileges = (kind: ApiObjectKind): string[] => (kind === 'materialized-view' ? ['SELECT'] : ROW_PRIVILEGES);

function applyPrivilegeChange(objects: Map<string, Tracked>, change: PrivilegeChange, schema: string): void {
  const { target, privileges, roles, action } = change;
  const all = privileges.includes('ALL');
  const relevant = (o: Tracked): boolean =>
    o.kind === 'function'
      ? all || privileges.includes('EXECUTE')
      : action === 'revoke'
        ? all || rowPrivileges(o.kind).every((p) => privileges.includes(p))
        : all || rowPrivileges(o.kind).some((p) => privileges.includes(p));
  for (const o of objects.values()) {
    if ((o.kind === 'function') !== (target.kind === 'function')) continue;
    const named =
      'allInSchemas' in target
        ? target.allInSchemas.includes(o.schema)
        : target.names.some((n) => n.name === o.name && (n.schema ?? schema) === o.schema);
    if (!named || !relevant(o)) continue;
    for (const role of roles) {
      if (action === 'grant') {
        o.holders.add(role);
        o.granted.add(role);
      } else {
        o.holders.delete(role);
        o.granted.delete(role);
      }
    }
  }
}

const ALTER_RLS = new RegExp(String.raw`^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QNAME})`, 'i');
const ALTER_VIEW = new RegExp(String.raw`^\s*ALTER\s+VIEW\s+(?:IF\s+EXISTS\s+)?(${QNAME})\s+(SET|RESET)\s*(\([^)]*\))`, 'i');
const ALTER_FUNCTION = new RegExp(String.raw`^\s*ALTER\s+FUNCTION\s+(${QNAME})`, 'i');

function applyAlter(objects: Map<string, Tracked>, code: string, text: string, schema: string): void {
  const table = ALTER_RLS.exec(code);
  const rls = table && [...code.matchAll(/\b(ENABLE|DISABLE)\s+ROW\s+LEVEL\s+SECURITY\b/gi)].pop();
  if (table && rls) {
    const o = objects.get(keyOfName('table', table[1]!, schema));
    if (o) o.rls = rls[1]!.toUpperCase() === 'ENABLE';
  }
  const view = ALTER_VIEW.exec(code);
  if (view) {
    const o = objects.get(keyOfName('view', view[1]!, schema));
    const options = text.slice(view.index + view[0].length - view[3]!.length, view.index + view[0].length);
    const value = securityInvokerIn(options);
    if (o && value !== undefined) o.securityInvoker = view[2]!.toUpperCase() === 'SET' && value;
  }
  const fn = ALTER_FUNCTION.exec(code);
  if (fn) {
    const o = objects.get(keyOfName('function', fn[1]!, schema));
    if (!o) return;
    if (/\bSET\s+search_path\b/i.test(code)) o.searchPathSet = true;
    if (/\bRESET\s+(?:search_path|ALL)\b/i.test(code)) o.searchPathSet = false;
    const security = /\bSECURITY\s+(DEFINER|INVOKER)\b/i.exec(code);
    if (security) o.definer = security[1]!.toUpperCase() === 'DEFINER';
  }
}

const DROP = /^\s*DROP\s+(TABLE|VIEW|MATERIALIZED\s+VIEW|FUNCTION)\s+(?:IF\s+EXISTS\s+)?([\s\S]*?)(?:\s+(?:CASCADE|RESTRICT))?\s*;?\s*$/i;
const DROP_KIND: Record<string, ApiObjectKind> = { TABLE: 'table', VIEW: 'view', 'MATERIALIZED VIEW': 'materialized-view', FUNCTION: 'function' };

function applyDrop(objects: Map<string, Tracked>, code: string, schema: string): void {
  const m = DROP.exec(code);
  if (!m) return;
  const kind = DROP_KIND[m[1]!.toUpperCase().replace(/\s+/g, ' ')]!;
  for (const part of m[2]!.replace(/\([^)]*\)/g, '').split(',')) {
    const name = new RegExp(`^\\s*(${QNAME})`).exec(part)?.[1];
    if (name !== undefined) objects.delete(keyOfName(kind, name, schema));
  }
}

/** `SET [LOCAL|SESSION] search_path …` at the top level: the schema unqualified names now land in. */
function searchPathSchema({ statement, text }: UnitCommand): string | undefined {
  if (statement.depth !== 0) return undefined;
  const m = /^\s*SET\s+(?:SESSION\s+|LOCAL\s+)?search_path\s*(?:=|\bTO\b)\s*([\s\S]*?)\s*;?\s*$/i.exec(text);
  if (!m) return undefined;
  if (/^DEFAULT$/i.test(m[1]!)) return 'public';
  const first = m[1]!
    .split(',')
    .map((s) => s.trim().replace(/^'(.*)'$/, '$1'))
    .find((s) => s !== '"$user"' && s !== '$user');
  // an empty path: unqualified CREATEs fail, nothing lands in an exposed schema
  return first === undefined || first === '' ? '' : qualifiedName(first).name;
}

function keyOf(kind: ApiObjectKind, schema: string, name: string): string {
  return `${kind === 'function' ? 'function' : 'relation'}:${schema}.${name}`;
}

function keyOfName(kind: ApiObjectKind, qname: string, schema: string): string {
  const q = qualifiedName(qname);
  return keyOf(kind, q.schema ?? schema, q.name);
}

/** For each object created anywhere in scope, the chunk that creates it first. */
const firstCreatorCache = new WeakMap<readonly Statement[], Map<string, SqlChunk>>();

function firstCreators(scope: readonly Statement[]): Map<string, SqlChunk> {
  const cached = firstCreatorCache.get(scope);
  if (cached) return cached;
  const first = new Map<string, SqlChunk>();
  for (const unit of migrationUnits(scope)) {
    for (const o of unitObjects(unit.commands)) {
      const key = keyOf(o.kind, o.schema, o.name);
      if (!first.has(key)) first.set(key, unit.chunk);
    }
  }
  firstCreatorCache.set(scope, first);
  return first;
}
