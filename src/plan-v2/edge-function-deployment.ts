/**
 * Whether the plan's Edge Function `dual-write-habit` is deployed, per database. Phase 1 deploys it
 * (`supabase/functions/dual-write-habit/index.ts`); its rollback deletes it (롤백 시나리오, Phase 1:
 * `await supabase.functions.delete('dual-write-habit')` — not a supabase-js method; what the CLI's
 * `supabase functions delete` does). Deployment is outside the database, so it is kept here, in
 * memory, by database name (every harness database has a unique one).
 */
import type pg from 'pg';

const deployed = new Set<string>();

async function databaseOf(db: pg.ClientBase): Promise<string> {
  const { rows } = await db.query<{ d: string }>('SELECT current_database() AS d');
  return rows[0]!.d;
}

export async function deployEdgeFunction(db: pg.ClientBase): Promise<void> {
  deployed.add(await databaseOf(db));
}

export async function deleteEdgeFunction(db: pg.ClientBase): Promise<void> {
  deployed.delete(await databaseOf(db));
}

export async function isEdgeFunctionDeployed(db: pg.ClientBase): Promise<boolean> {
  return deployed.has(await databaseOf(db));
}
