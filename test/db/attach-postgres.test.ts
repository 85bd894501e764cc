import { describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import { InfraError } from '../../src/db/errors.ts';
import { startPostgres } from '../../src/db/start-postgres.ts';

const SECRET = 'pa55-word-never-printed';

async function failure(promise: Promise<unknown>): Promise<InfraError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InfraError);
  return err as InfraError;
}

describe('url provider / attachPostgres', () => {
  it('nothing listening (127.0.0.1:1): InfraError, exit code 3, one line naming host:port, no password', async () => {
    const err = await failure(startPostgres({ provider: 'url', url: `postgres://hv:${SECRET}@127.0.0.1:1/app` }));
    expect(err.exitCode).toBe(3);
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.message).toContain('127.0.0.1:1');
    expect(err.message).toMatch(/DATABASE_URL/);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toContain(SECRET);
    expect(JSON.stringify({ ...err })).not.toContain(SECRET);
  });

  it('unknown host, unparsable URL, wrong scheme and missing URL are InfraErrors too', async () => {
    const unknown = await failure(attachPostgres(`postgres://hv:${SECRET}@no-such-host.invalid:5432/app`));
    expect(unknown.message).toContain('no-such-host.invalid:5432');
    const garbage = await failure(attachPostgres(`hv:${SECRET}@nowhere`));
    const scheme = await failure(attachPostgres(`mysql://hv:${SECRET}@127.0.0.1/app`));
    const missing = await failure(startPostgres({ provider: 'url' }));
    for (const err of [unknown, garbage, scheme, missing]) {
      expect(err.exitCode).toBe(3);
      expect(err.message).not.toContain(SECRET);
      expect(err.message).not.toContain('\n');
    }
  });

  it('wrong password: InfraError with Postgres code 28P01, password not shown', async () => {
    const url = new URL(inject('pgAdminUri'));
    url.password = SECRET;
    const err = await failure(attachPostgres(url.toString()));
    expect(err.code).toBe('28P01');
    expect(err.message).toContain(`${url.hostname}:${url.port}`);
    expect(err.message).not.toContain(SECRET);
  });

  it('close() drops only the databases this handle created', async () => {
    const uri = inject('pgAdminUri');
    const other = await attachPostgres(uri);
    const mine = await attachPostgres(uri.replace(/\/postgres$/, '/some_app_db'), 'url'); // db part ignored
    const keep = await other.createDatabase('keep');
    const gone = await mine.createDatabase('gone');
    const admin = await connect(uri);
    try {
      await admin.query('DROP DATABASE IF EXISTS not_ours_hv_test');
      await admin.query('CREATE DATABASE not_ours_hv_test');
      await mine.close();
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY 1', [[keep.name, gone.name, 'not_ours_hv_test']]);
      expect(rows.map((r) => r.datname)).toEqual([keep.name, 'not_ours_hv_test'].sort());
    } finally {
      await admin.query('DROP DATABASE IF EXISTS not_ours_hv_test');
      await admin.end();
      await other.close();
    }
  });
});

describe('url provider: nothing of the harness stays on the server', () => {
  it('after the run, no hv_ database, no template, and only the roles that were there before', async () => {
    // a server of its own: roles are cluster-wide, the shared one has them from other tests
    const server = await startPostgres({ provider: 'embedded' });
    const admin = await connect(server.adminUri);
    try {
      await admin.query('CREATE ROLE anon NOLOGIN'); // the user's own, before any run: must survive
      for (let run = 0; run < 2; run++) {
        const pg = await startPostgres({ provider: 'url', url: server.adminUri });
        const other = await attachPostgres(server.adminUri); // another run's database, still in use
        const a = await pg.createDatabase('one');
        const b = await other.createDatabase('two');
        expect(a.name).not.toBe(b.name);
        await pg.close();
        // the other run still holds a database: its template and roles stay
        const mid = await admin.query("SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'hv\\_template\\_%'");
        expect(mid.rows[0].n).toBe(1);
        await other.close();
        const last = await startPostgres({ provider: 'url', url: server.adminUri });
        await last.close(); // the last one out cleans
        const dbs = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'hv\\_%'");
        expect(dbs.rows).toEqual([]);
        const roles = await admin.query("SELECT rolname FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role') ORDER BY 1");
        expect(roles.rows.map((r) => r.rolname)).toEqual(['anon']);
      }
    } finally {
      await admin.end();
      await server.close();
    }
  }, 60_000);
});
