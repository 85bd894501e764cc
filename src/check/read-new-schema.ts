/**
 * The new schema's rows as the direct oracle compares them, read through the implementation's
 * `Observation.contentQueries` (in a transaction pinned to UTC, as JSON) and keyed by natural key.
 * Two shapes are understood: tables with their ids and foreign keys (children.id, weeks.child_id,
 * habits.week_id, habit_records.habit_id — ours), resolved here; or rows that name their parent by
 * natural key already (`child`, `week_start_date`, `display_order` — the plan as written's).
 */
import type pg from 'pg';
import { NotProvidedError, type MigrationImplementation } from '../contract/implementation.ts';
import { canonicalTimestamp } from './canonical.ts';
import { NATURAL_KEYS, NEW_SCHEMA_TABLES, rowKey, type KeyedRows, type NewSchemaRows, type NewSchemaTable } from './new-schema-rows.ts';

type JsonRow = Record<string, unknown>;

/** A row the reader could not key: its parent is not in the new schema, or its key is taken twice. */
export interface UnkeyedRow {
  table: NewSchemaTable;
  problem: 'orphan' | 'duplicate_key';
  row: JsonRow;
}

export async function readNewSchemaRows(client: pg.ClientBase, impl: MigrationImplementation): Promise<{ rows: NewSchemaRows; unkeyed: UnkeyedRow[] }> {
  const raw = await readTables(client, impl);
  const unkeyed: UnkeyedRow[] = [];
  const rows = { children: new Map(), weeks: new Map(), habits: new Map(), habit_records: new Map() } as NewSchemaRows;
  const byId: Record<string, Map<unknown, unknown[]>> = { children: new Map(), weeks: new Map(), habits: new Map() };
  const parentOf: Record<NewSchemaTable, [fk: string, parent: NewSchemaTable] | undefined> = {
    children: undefined,
    weeks: ['child_id', 'children'],
    habits: ['week_id', 'weeks'],
    habit_records: ['habit_id', 'habits'],
  };
  for (const table of NEW_SCHEMA_TABLES) {
    const link = parentOf[table];
    for (const r of raw[table]) {
      let key: unknown[] | undefined = NATURAL_KEYS[table].map((c) => r[c]);
      if (link && Object.hasOwn(r, link[0])) {
        // ids: the parent's key, then this table's own part of the natural key
        const parent = byId[link[1]]!.get(r[link[0]]);
        key = parent && [...parent, ...NATURAL_KEYS[table].slice(NATURAL_KEYS[link[1]].length).map((c) => r[c])];
      }
      if (!key) {
        unkeyed.push({ table, problem: 'orphan', row: r });
        continue;
      }
      if (Object.hasOwn(r, 'id') && table !== 'habit_records') byId[table]!.set(r.id, key);
      add(rows[table], key, r, table, unkeyed);
    }
  }
  return { rows, unkeyed };
}

function add(into: KeyedRows, key: unknown[], row: JsonRow, table: NewSchemaTable, unkeyed: UnkeyedRow[]): void {
  const k = rowKey(key);
  if (into.has(k)) unkeyed.push({ table, problem: 'duplicate_key', row });
  else into.set(k, row);
}

/** Each table's rows as JSON objects, timestamps as UTC text with microseconds. */
async function readTables(client: pg.ClientBase, impl: MigrationImplementation): Promise<Record<NewSchemaTable, JsonRow[]>> {
  const missing = NEW_SCHEMA_TABLES.filter((t) => !impl.observe.contentQueries[t]);
  if (missing.length > 0) throw new NotProvidedError(impl.name, `contentQueries for ${missing.join(', ')}`);
  await client.query("BEGIN; SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'");
  try {
    const out = {} as Record<NewSchemaTable, JsonRow[]>;
    for (const t of NEW_SCHEMA_TABLES) {
      const { rows } = await client.query<{ r: JsonRow }>(`SELECT to_jsonb(x) AS r FROM (${impl.observe.contentQueries[t]}) x`);
      out[t] = rows.map(({ r }) => normalize(r));
    }
    return out;
  } finally {
    await client.query('COMMIT');
  }
}

function normalize(r: JsonRow): JsonRow {
  const out: JsonRow = { ...r };
  for (const c of ['created_at', 'updated_at']) if (typeof out[c] === 'string') out[c] = canonicalTimestamp(out[c] as string);
  return out;
}
