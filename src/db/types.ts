/**
 * The one interface every ephemeral Postgres provider implements.
 *
 * A provider is started once per process (CLI command or vitest worker/globalSetup) and hands out
 * isolated databases. Every database it creates is named with {@link DB_PREFIX}; it never creates,
 * drops or connects to any other database on the server except the maintenance db `postgres`.
 */
export type ProviderKind = 'embedded' | 'url' | 'testcontainers';

/** Every database the harness creates starts with this prefix; nothing else is ever dropped. */
export const DB_PREFIX = 'hv_';

export interface StartOptions {
  provider: ProviderKind;
  /** `url` provider: the server to use (from DATABASE_URL). Its database part is ignored. */
  url?: string;
  /** `testcontainers` provider: the image (default `postgres:17`). */
  image?: string;
  /** `embedded` provider: where the cached initdb'd cluster template lives (default `.hv-cache/` in the project). */
  cacheDir?: string;
  /** Extra `-c name=value` settings for the embedded postmaster. */
  settings?: Record<string, string>;
}

/** A fresh database created by the harness, with the Supabase shim and the legacy schema installed. */
export interface TestDatabase extends AsyncDisposable {
  /** Database name, always starting with {@link DB_PREFIX}. */
  readonly name: string;
  /** Connection string for this database (password included: never print it, see `redactUri`). */
  readonly uri: string;
  /** Drops the database (terminating its connections first). Idempotent. */
  drop(): Promise<void>;
}

/** A started Postgres server. Owns its cleanup: `close()` (or `await using`) and process signals. */
export interface StartedPostgres extends AsyncDisposable {
  readonly kind: ProviderKind;
  /** Connection string to the maintenance database (for admin statements only). */
  readonly adminUri: string;
  /** Server major version, e.g. 17. */
  readonly serverVersion: number;
  /**
   * Creates a fresh database `hv_<label>_<random>` with the Supabase auth shim and the legacy
   * schema (`habit_tracker`) installed, cloned from a per-server template so each call is cheap.
   */
  createDatabase(label?: string): Promise<TestDatabase>;
  /**
   * For crash tests: SIGKILL the postmaster, then start it again on the same data directory.
   * Only `embedded` supports it; others reject with an InfraError.
   */
  crashAndRestart?(): Promise<void>;
  /** Stops the server (embedded/testcontainers) or drops every database this handle created (url). */
  close(): Promise<void>;
}
