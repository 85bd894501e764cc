import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import { templateSource } from '../../src/db/database-factory.ts';
import { startPostgres } from '../../src/db/start-postgres.ts';
import type { StartedPostgres } from '../../src/db/types.ts';

describe('createDatabase', () => {
  let pg: StartedPostgres;
  beforeAll(async () => {
    pg = await attachPostgres(inject('pgAdminUri'));
  });
  afterAll(() => pg?.close());

  it('gives isolated databases named hv_<label>_<hex>, each with the shim and the legacy schema', async () => {
    const [a, b] = await Promise.all([pg.createDatabase('Iso Lation!'), pg.createDatabase('isolation')]);
    expect(a.name).toMatch(/^hv_iso_lation_[0-9a-f]{12}$/);
    expect(b.name).toMatch(/^hv_isolation_[0-9a-f]{12}$/);
    const ca = await connect(a.uri);
    const cb = await connect(b.uri);
    try {
      await ca.query('CREATE TABLE only_in_a (x int)');
      const tables = "SELECT to_regclass('public.only_in_a') IS NOT NULL AS a, to_regclass('public.habit_tracker') IS NOT NULL AS legacy, to_regclass('auth.users') IS NOT NULL AS shim";
      expect((await ca.query(tables)).rows[0]).toEqual({ a: true, legacy: true, shim: true });
      expect((await cb.query(tables)).rows[0]).toEqual({ a: false, legacy: true, shim: true });
    } finally {
      await Promise.all([ca.end(), cb.end()]);
    }
  });

  it('drop() removes the database even with a connection left open, and is idempotent', async () => {
    const db = await pg.createDatabase('drop');
    const forgotten = await connect(db.uri);
    await db.drop();
    await db.drop();
    await forgotten.end().catch(() => undefined);
    const admin = await connect(pg.adminUri);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]);
    await admin.end();
    expect(rowCount).toBe(0);
  });

  it('the template is named after the hash of the shim + schema SQL and nobody can connect to it', async () => {
    const { name } = await templateSource({ grants: pg.supabaseGrants, major: pg.serverVersion });
    expect(name).toMatch(/^hv_template_explicit_[0-9a-f]{12}$/);
    await pg.createDatabase('tmpl').then((db) => db.drop());
    const admin = await connect(pg.adminUri);
    const { rows } = await admin.query('SELECT datistemplate, datallowconn FROM pg_database WHERE datname = $1', [name]);
    await admin.end();
    expect(rows).toEqual([{ datistemplate: true, datallowconn: false }]);
  });
});

describe('template build race', () => {
  it('several handles on a fresh server build the template once and all get databases', async () => {
    await using server = await startPostgres({ provider: 'embedded' });
    const handles = await Promise.all([1, 2, 3, 4].map(() => attachPostgres(server.adminUri)));
    const dbs = await Promise.all(handles.map((h, i) => h.createDatabase(`race${i}`)));
    expect(new Set(dbs.map((d) => d.name)).size).toBe(4);
    const admin = await connect(server.adminUri);
    const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'hv\\_%' ORDER BY 1");
    await admin.end();
    expect(rows.filter((r) => String(r.datname).startsWith('hv_template_'))).toHaveLength(1);
    expect(rows.filter((r) => String(r.datname).startsWith('hv_build_'))).toEqual([]);
    await Promise.all(handles.map((h) => h.close()));
  });
});
