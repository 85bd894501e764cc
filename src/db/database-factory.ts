import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import { connect } from './connect.ts';
import { InfraError } from './errors.ts';
import { LEGACY_SCHEMA_PATH, SUPABASE_SHIM_PATH } from './project-paths.ts';
import { MIGRATION_ROLE, MIGRATION_ROLE_PASSWORD, publicSchemaSql, type SupabaseGrants } from './supabase-grants.ts';
import { hostPortOf, withDatabase } from './redact-uri.ts';
import { DB_PREFIX, type TestDatabase } from './types.ts';

/** Arbitrary first key of our advisory locks ("hv"), so they do not collide with the app's. */
const LOCK_CLASS = 0x6876;
/** SQLSTATE 3D000: the template named in CREATE DATABASE does not exist. */
const UNDEFINED_DATABASE = '3D000';
/** The roles the Supabase shim creates when absent (cluster-wide). */
const SHIM_ROLES = ['anon', 'authenticated', 'service_role', 'authenticator', MIGRATION_ROLE] as const;
/** Per-database settings of the API roles (ALTER ROLE … IN DATABASE: a clone does not inherit them). */
const ROLE_SETTINGS: ReadonlyArray<readonly [role: string, name: string, value: string]> = [
  ['anon', 'statement_timeout', '3s'],
  ['authenticated', 'statement_timeout', '8s'],
  ['authenticator', 'statement_timeout', '8s'],
  ['authenticator', 'lock_timeout', '8s'],
];
/** Comment on a role the harness created: only such roles are ever dropped. */
export const CREATED_BY_HARNESS = 'created by habit-verify (dropped when its last hv_ database goes)';

/**
 * Hands out databases `hv_<label>_<random>` cloned from `hv_template_<hash>`, the template holding
 * the Supabase shim and the legacy schema. The hash covers both SQL files, so editing either makes a
 * new template; old templates are left in place (a few MB each, reused by the next run with the same
 * SQL) and can be dropped by hand.
 *
 * Every name this class drops starts with {@link DB_PREFIX}: it never touches another database.
 */
export class DatabaseFactory {
  private template: Promise<string> | undefined;
  private readonly created = new Map<string, TestDatabase>();

  constructor(
    private readonly adminUri: string,
    private readonly lab: TemplateOptions,
  ) {}

  /** Creates a fresh database from the template (building the template first if needed). */
  async createDatabase(label = 'db'): Promise<TestDatabase> {
    const name = `${DB_PREFIX}${sanitizeLabel(label)}_${randomBytes(6).toString('hex')}`;
    for (let attempt = 1; ; attempt++) {
      const template = await this.ensureTemplate();
      try {
        await this.admin(`create database ${name}`, async (c) => {
          await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)} OWNER ${MIGRATION_ROLE}`);
          for (const [role, setting, value] of ROLE_SETTINGS) {
            await c.query(`ALTER ROLE ${c.escapeIdentifier(role)} IN DATABASE ${c.escapeIdentifier(name)} SET ${setting} = ${c.escapeLiteral(value)}`);
          }
        });
        break;
      } catch (err) {
        // Another run on a shared server ended and dropped the template (dropLeftovers): build it again, once.
        if (attempt > 1 || (err as { code?: string }).code !== UNDEFINED_DATABASE) throw err;
        this.template = undefined;
      }
    }
    let dropping: Promise<void> | undefined;
    const db: TestDatabase = {
      name,
      uri: asMigrationRole(withDatabase(this.adminUri, name)),
      adminUri: withDatabase(this.adminUri, name),
      drop: () => {
        dropping ??= this.dropDatabase(name).then(() => {
          this.created.delete(name);
        });
        return dropping;
      },
      [Symbol.asyncDispose]: () => db.drop(),
    };
    this.created.set(name, db);
    return db;
  }

  /** Drops every database this factory created and has not dropped yet. */
  async dropAll(): Promise<void> {
    const results = await Promise.allSettled([...this.created.values()].map((db) => db.drop()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /**
   * The end of a run on a shared server (`--pg url`): once no other run holds an `hv_` database
   * there, drops the templates and the roles the harness created (those marked by
   * {@link CREATED_BY_HARNESS}; roles that were there before are never touched). Returns what it dropped.
   */
  async dropLeftovers(): Promise<string[]> {
    return this.admin('drop the harness templates and roles', async (c) => {
      await c.query('SELECT pg_advisory_lock($1::int, 0)', [LOCK_CLASS]);
      try {
        const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1", [DB_PREFIX]);
        const templates = rows.map((r) => r.datname).filter((d) => d.startsWith(`${DB_PREFIX}template_`));
        if (templates.length < rows.length) return []; // another run is using the server: the last one out cleans
        const dropped: string[] = [];
        for (const t of templates) {
          assertOwned(t);
          await c.query(`ALTER DATABASE ${c.escapeIdentifier(t)} WITH IS_TEMPLATE false`);
          await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(t)} WITH (FORCE)`);
          dropped.push(`database ${t}`);
        }
        const roles = await c.query<{ rolname: string }>(
          `SELECT r.rolname FROM pg_roles r JOIN pg_shdescription d ON d.objoid = r.oid AND d.classoid = 'pg_authid'::regclass
            WHERE d.description = $1 ORDER BY 1`,
          [CREATED_BY_HARNESS],
        );
        for (const { rolname } of roles.rows) {
          // what a role holds on shared objects (the parameter grant) goes with DROP OWNED
          await c.query(`DROP OWNED BY ${c.escapeIdentifier(rolname)}`);
          await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(rolname)}`);
          dropped.push(`role ${rolname}`);
        }
        return dropped;
      } finally {
        await c.query('SELECT pg_advisory_unlock($1::int, 0)', [LOCK_CLASS]);
      }
    });
  }

  private async dropDatabase(name: string): Promise<void> {
    assertOwned(name);
    // WITH (FORCE) (PG 13+) terminates the connections a test forgot to close.
    await this.admin(`drop database ${name}`, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
  }

  private ensureTemplate(): Promise<string> {
    this.template ??= buildTemplate(this.adminUri, this.lab).catch((err: unknown) => {
      this.template = undefined; // let the next call try again
      throw err;
    });
    return this.template;
  }

  private async admin<T>(what: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = await connect(this.adminUri);
    try {
      return await fn(client);
    } catch (err) {
      throw new InfraError({ what: `cannot ${what}`, where: hostPortOf(this.adminUri) ?? 'the server', hint: 'see the cause; the server may be short of disk or connections', cause: err });
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Which Supabase the template models: the grant regime, and the server's major (privileges differ). */
export interface TemplateOptions {
  grants: SupabaseGrants;
  major: number;
}

/**
 * The template's SQL, read from disk at run time, and its content hash: `admin` runs as the server's
 * superuser (roles, auth), `owner` as the migration's role, the database's owner (public, the legacy table).
 */
export async function templateSource(lab: TemplateOptions): Promise<{ name: string; admin: readonly string[]; owner: readonly string[] }> {
  const [shim, legacy] = await Promise.all([readFile(SUPABASE_SHIM_PATH, 'utf8'), readFile(LEGACY_SCHEMA_PATH, 'utf8')]);
  const owner = [publicSchemaSql(lab.grants, lab.major), legacy];
  const hash = createHash('sha256').update([shim, ...owner].join('\0')).digest('hex').slice(0, 12);
  return { name: `${DB_PREFIX}template_${lab.grants}_${hash}`, admin: [shim], owner };
}

/** The same URI, logged in as the migration's role (the hosted `postgres`, not a superuser). */
export function asMigrationRole(uri: string): string {
  const url = new URL(uri);
  url.username = MIGRATION_ROLE;
  url.password = MIGRATION_ROLE_PASSWORD;
  return url.toString();
}

/**
 * Makes sure `hv_template_<hash>` exists on the server, building it if not. Race-safe across
 * processes (vitest workers sharing one server): the build runs under a session advisory lock on the
 * maintenance database, into `hv_build_<hash>_<random>`, which is renamed only once complete — so
 * a template that exists is always whole, and a build that died half-way is dropped by the next one.
 */
async function buildTemplate(adminUri: string, lab: TemplateOptions): Promise<string> {
  const { name, admin: adminSql, owner: ownerSql } = await templateSource(lab);
  const hash = name.slice(`${DB_PREFIX}template_`.length);
  const admin = await connect(adminUri);
  try {
    if (await exists(admin, name)) return name;
    await admin.query('SELECT pg_advisory_lock($1::int, hashtext($2))', [LOCK_CLASS, name]);
    if (await exists(admin, name)) return name; // another process built it while we waited
    const leftovers = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`${DB_PREFIX}build_${hash}_`]);
    for (const { datname } of leftovers.rows) {
      assertOwned(datname);
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
    }
    const build = `${DB_PREFIX}build_${hash}_${randomBytes(4).toString('hex')}`;
    const ident = admin.escapeIdentifier(build);
    // template0: whatever a shared server's template1 holds stays out; UTF8 for normalize().
    await admin.query(`CREATE DATABASE ${ident} TEMPLATE template0 ENCODING 'UTF8'`);
    const client = await connect(withDatabase(adminUri, build));
    try {
      const before = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [[...SHIM_ROLES]]);
      for (const text of adminSql) await client.query(text);
      // Roles are the server's, not the database's: mark the ones this build created, so that the end
      // of a url run can drop them (and only them).
      for (const role of SHIM_ROLES.filter((r) => !before.rows.some((b) => b.rolname === r))) {
        await client.query(`COMMENT ON ROLE ${client.escapeIdentifier(role)} IS ${client.escapeLiteral(CREATED_BY_HARNESS)}`);
      }
    } finally {
      await client.end();
    }
    // The public schema and the legacy table are the migration role's, as on a hosted project.
    await admin.query(`ALTER DATABASE ${ident} OWNER TO ${MIGRATION_ROLE}`);
    const owner = await connect(asMigrationRole(withDatabase(adminUri, build)));
    try {
      for (const text of ownerSql) await owner.query(text);
    } finally {
      await owner.end();
    }
    // Nobody may connect to a template (CREATE DATABASE ... TEMPLATE fails while anyone is).
    await admin.query(`ALTER DATABASE ${ident} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    await admin.query(`ALTER DATABASE ${ident} RENAME TO ${admin.escapeIdentifier(name)}`);
    return name;
  } catch (err) {
    if (err instanceof InfraError) throw err;
    throw new InfraError({ what: `cannot build template database ${name}`, where: hostPortOf(adminUri) ?? 'the server', hint: 'check src/db/supabase-shim.sql and src/migration/legacy/schema.sql apply cleanly', cause: err });
  } finally {
    await admin.end().catch(() => undefined); // also releases the advisory lock
  }
}

async function exists(client: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rowCount === 1;
}

function assertOwned(name: string): void {
  if (!name.startsWith(DB_PREFIX)) throw new Error(`refusing to drop ${name}: not created by habit-verify`);
}

/** Lower-case [a-z0-9_], at most 32 characters, so the full name stays under Postgres's 63. */
function sanitizeLabel(label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 32);
  return clean === '' ? 'db' : clean;
}
