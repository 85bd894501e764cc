/**
 * The one interface every ephemeral Postgres provider implements.
 *
 * A provider is started once per process (CLI command or vitest worker/globalSetup) and hands out
 * isolated databases. Every database it creates is named with {@link DB_PREFIX}; it never creates,
 * drops or connects to any other database on the server except the maintenance db `postgres`.
 */
import type { SupabaseGrants } from './supabase-grants.ts';

export type ProviderKind = 'embedded' | 'url' | 'testcontainers';

/** Every database the harness creates starts with this prefix; nothing else is ever dropped. */
export const DB_PREFIX = 'hv_';

/** PostgreSQL majors the harness runs on (Supabase: 17 by default, 15 on older projects, 18 next). */
export const PG_MAJORS = [15, 16, 17, 18] as const;
export type PgMajor = (typeof PG_MAJORS)[number];

/** The major used when none is asked for: Supabase's default. */
export const DEFAULT_PG_MAJOR: PgMajor = 17;

export interface StartOptions {
  /**
   * Supabase's grants on what is created in public (default `explicit`, the platform's today): see
   * src/db/supabase-grants.ts. Each regime has a template of its own.
   */
  supabaseGrants?: SupabaseGrants;
  provider: ProviderKind;
  /** `url` provider: the server to use (from DATABASE_URL). Its database part is ignored. */
  url?: string;
  /** `testcontainers` provider: the image (default `postgres:<version>`); it wins over `version`. */
  image?: string;
  /**
   * PostgreSQL major. `embedded`: which binaries run (default 17); `testcontainers`: the image
   * `postgres:<version>` unless `image` is set; `url`: the server must be this major, else
   * {@link ServerVersionError} (exit 2). Unset: whatever the provider's default or server is.
   */
  version?: PgMajor;
  /** `embedded` provider: where the cached initdb'd cluster template lives (default `.hv-cache/` in the project). */
  cacheDir?: string;
  /** Extra `-c name=value` settings for the embedded postmaster. */
  settings?: Record<string, string>;
  /**
   * `embedded` provider: listen on exactly this port instead of a free one (no retry on clash).
   * Meant for tests of the port-clash error; leave unset otherwise.
   */
  port?: number;
}

/** How long a start took, as measured by the provider (milliseconds). */
export interface StartTimings {
  /** From `startPostgres()` being called to the server accepting a query. */
  readyMs: number;
  /** `embedded`: time spent in initdb, when the cluster template was not cached yet. */
  initdbMs?: number;
  /** `embedded`: whether the cached initdb'd cluster was reused. */
  cacheHit?: boolean;
  /** `embedded`: copying the cached cluster into the temp data dir (file creation dominates). */
  copyMs?: number;
  /** `embedded`: postmaster spawn to "ready to accept connections". */
  startMs?: number;
}

/** A server (or just its data dir) that a killed run left behind and this start removed. */
export interface ReapedServer {
  /** The `hv-pg-*` data dir (or `hv-initdb-*` scratch dir) removed. */
  dir: string;
  /** The postmaster that still ran on it and was killed, if any. */
  postmasterPid?: number;
  /** The dead process that had started it. */
  ownerPid: number;
}

/** A fresh database created by the harness, with the Supabase shim and the legacy schema installed. */
export interface TestDatabase extends AsyncDisposable {
  /** Database name, always starting with {@link DB_PREFIX}. */
  readonly name: string;
  /**
   * Connection string for this database as the migration's role (`hv_postgres`, the hosted
   * `postgres`: not a superuser, owner of the database). Password included: never print it.
   */
  readonly uri: string;
  /** The same database as the server's superuser: for what only the lab may do (never the migration). */
  readonly adminUri: string;
  /** Drops the database (terminating its connections first). Idempotent. */
  drop(): Promise<void>;
}

/** A started Postgres server. Owns its cleanup: `close()` (or `await using`) and process signals. */
export interface StartedPostgres extends AsyncDisposable {
  readonly kind: ProviderKind;
  /** Connection string to the maintenance database (for admin statements only). */
  readonly adminUri: string;
  /** The Supabase grant regime its databases model (src/db/supabase-grants.ts). */
  readonly supabaseGrants: SupabaseGrants;
  /** Server major version, e.g. 17. */
  readonly serverVersion: number;
  /** Measured start-up figures (absent for handles that attach to a running server). */
  readonly timings?: StartTimings;
  /** `embedded`: the data directory (a temp dir removed on close) and postmaster pid. */
  readonly dataDir?: string;
  readonly pid?: number;
  /**
   * `embedded`: what a killed earlier run had left (postmaster and temp dir) and this start removed.
   * The provider never prints: the CLI says so on stderr.
   */
  readonly reaped?: readonly ReapedServer[];
  /**
   * Creates a fresh database `hv_<label>_<random>` with the Supabase auth shim and the legacy
   * schema (`habit_tracker`) installed, cloned from a per-server template so each call is cheap.
   */
  createDatabase(label?: string): Promise<TestDatabase>;
  /**
   * For crash tests: SIGKILL the postmaster (and its backends), then start it again on the same data
   * directory; crash recovery replays the WAL. Only `embedded` has it: a handle without it cannot crash
   * its server (properties that need a crash are skipped there, with the reason). Start the server
   * with `settings: { synchronous_commit: 'on' }` when the test expects every acknowledged commit
   * to survive: the default test setting (off) may lose the last ~600 ms of commits, exactly as
   * Postgres documents. (fsync=off is harmless here: a process crash does not
   * lose the OS page cache.)
   */
  crashAndRestart?(): Promise<void>;
  /** Stops the server (embedded/testcontainers) or drops every database this handle created (url). */
  close(): Promise<void>;
}
