import { track } from './cleanup-registry.ts';
import { connect } from './connect.ts';
import { DatabaseFactory } from './database-factory.ts';
import { InfraError } from './errors.ts';
import { hostPortOf, withDatabase } from './redact-uri.ts';
import type { ProviderKind, StartedPostgres, TestDatabase } from './types.ts';
import type { SupabaseGrants } from './supabase-grants.ts';

/** GRANT SET ON PARAMETER (the shim) needs 15, the oldest major Supabase runs. */
const MIN_SERVER_VERSION = 15;

/**
 * A handle on a server that runs already (DATABASE_URL, or a server another process started, e.g.
 * vitest's globalSetup). It does not own the server: `close()` drops only the databases this handle
 * created (all named `hv_...`), never anything else. It connects to the maintenance database
 * `postgres` of `uri`, whatever database `uri` names.
 *
 * Rejects with a one-line {@link InfraError} naming host:port (never the password) when the URL is
 * unparsable or the server refuses, is unknown, or rejects the credentials.
 */
export interface AttachOptions {
  /**
   * This handle is the run's own (the CLI's `--pg url`), not one of several sharing a run: on close,
   * once no other run holds an `hv_` database on the server, it also drops the templates and the
   * roles the harness created there, so nothing of the harness's stays behind.
   */
  endOfRun?: boolean;
  /** The Supabase grant regime of the databases it creates (default `explicit`). */
  supabaseGrants?: SupabaseGrants;
}

export async function attachPostgres(uri: string, kind: ProviderKind = 'url', opts: AttachOptions = {}): Promise<StartedPostgres> {
  const adminUri = maintenanceUri(uri);
  const client = await connect(adminUri);
  let serverVersion: number;
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    serverVersion = Math.floor(Number(rows[0]?.v) / 10_000);
  } finally {
    await client.end();
  }
  if (serverVersion < MIN_SERVER_VERSION) {
    throw new InfraError({ what: `Postgres ${serverVersion} is too old`, where: hostPortOf(adminUri) ?? '', hint: `use Postgres ${MIN_SERVER_VERSION}+ (17 to match production) or --pg embedded` });
  }
  return new AttachedServer(kind, adminUri, serverVersion, opts.endOfRun ?? false, opts.supabaseGrants ?? 'explicit');
}

function maintenanceUri(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch (err) {
    // Not echoed, even redacted: an unparsable string may hold the password anywhere.
    throw new InfraError({ what: 'DATABASE_URL is not a valid URL', where: 'DATABASE_URL', hint: 'use postgres://user:password@host:port/db', cause: err });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InfraError({ what: `DATABASE_URL has scheme ${url.protocol} instead of postgres:`, where: hostPortOf(uri) ?? 'DATABASE_URL', hint: 'use postgres://user:password@host:port/db' });
  }
  if (url.hostname === '') {
    throw new InfraError({ what: 'DATABASE_URL names no host', where: 'DATABASE_URL', hint: 'use postgres://user:password@host:port/db' });
  }
  return withDatabase(uri, 'postgres');
}

class AttachedServer implements StartedPostgres {
  private readonly factory: DatabaseFactory;
  private closing: Promise<void> | undefined;
  private readonly untrack: () => void;

  constructor(
    readonly kind: ProviderKind,
    readonly adminUri: string,
    readonly serverVersion: number,
    private readonly endOfRun: boolean,
    readonly supabaseGrants: SupabaseGrants,
  ) {
    this.factory = new DatabaseFactory(adminUri, { grants: supabaseGrants, major: serverVersion });
    this.untrack = track(this);
  }

  createDatabase(label?: string): Promise<TestDatabase> {
    if (this.closing !== undefined) {
      return Promise.reject(new InfraError({ what: 'this handle is closed', where: hostPortOf(this.adminUri) ?? '', hint: 'attach again' }));
    }
    return this.factory.createDatabase(label);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.factory.dropAll();
      if (this.endOfRun) await this.factory.dropLeftovers();
    })().finally(() => this.untrack());
    return this.closing;
  }

  /** Nothing can be dropped synchronously at `exit`: databases left then are `hv_`-prefixed. */
  closeSync(): void {}

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
