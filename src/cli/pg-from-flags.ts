import type { Config } from '../config.ts';
import { DEFAULT_PG_MAJOR, PG_MAJORS, type PgMajor, type ProviderKind, type ReapedServer, type StartedPostgres } from '../db/types.ts';
import { startPostgres } from '../db/start-postgres.ts';
import { SUPABASE_GRANTS, type SupabaseGrants } from '../db/supabase-grants.ts';
import { UsageError } from './usage-error.ts';

const KINDS: readonly ProviderKind[] = ['embedded', 'url', 'testcontainers'];

/** The server a command asked for: `--pg` (HV_PG) and `--pg-version` (HV_PG_VERSION). */
export interface PgChoice {
  provider: ProviderKind;
  /** Unset: 17 for embedded and testcontainers, whatever the server runs for url. */
  version?: PgMajor;
  /** Supabase's grants on new objects in public (`--supabase-grants`); unset: explicit. */
  supabaseGrants?: SupabaseGrants;
}

/** The flags every command that takes `--pg` has. */
export interface PgFlags {
  pg?: string;
  pgVersion?: string;
  supabaseGrants?: string;
}

/** `--pg` / `--pg-version` (or HV_PG / HV_PG_VERSION), validated. */
export function pgChoiceOf(flags: PgFlags, config: Config): PgChoice {
  const kind = flags.pg ?? config.pg;
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`--pg ${kind}: expected one of ${KINDS.join(', ')}`);
  let version = config.pgVersion;
  if (flags.pgVersion !== undefined) {
    const n = Number(flags.pgVersion);
    if (!(PG_MAJORS as readonly number[]).includes(n)) throw new UsageError(`--pg-version ${JSON.stringify(flags.pgVersion)}: expected one of ${PG_MAJORS.join(', ')}`);
    version = n as PgMajor;
  }
  const grants = flags.supabaseGrants ?? config.supabaseGrants;
  if (grants !== undefined && !(SUPABASE_GRANTS as readonly string[]).includes(grants)) {
    throw new UsageError(`--supabase-grants ${JSON.stringify(grants)}: expected ${SUPABASE_GRANTS.join(' or ')}`);
  }
  return { provider: kind as ProviderKind, ...(version === undefined ? {} : { version }), ...(grants === undefined ? {} : { supabaseGrants: grants as SupabaseGrants }) };
}

/**
 * Starts the Postgres the flags ask for; InfraError (exit 3) when none can be had, ServerVersionError
 * (exit 2) when `--pg url` runs another major than `--pg-version`. Says on stderr what a killed
 * earlier run had left and the start reaped.
 */
export async function startFromFlags(choice: PgChoice, config: Config): Promise<StartedPostgres> {
  const pg = await startPostgres({
    provider: choice.provider,
    ...(choice.version === undefined ? {} : { version: choice.version }),
    ...(choice.supabaseGrants === undefined ? {} : { supabaseGrants: choice.supabaseGrants }),
    ...(config.databaseUrl ? { url: config.databaseUrl } : {}),
    ...(config.image ? { image: config.image } : {}),
  });
  const line = reapedLine(pg.reaped ?? []);
  if (line !== undefined) process.stderr.write(`habit-verify: ${line}\n`);
  return pg;
}

/** A private embedded server (same major) for crash tests, when the run itself uses embedded. */
export function ownServerFactory(choice: PgChoice): (() => Promise<StartedPostgres>) | undefined {
  // synchronous_commit on: the crash tests SIGKILL the postmaster, and a commit that returned must
  // survive that (the shared server runs with it off, for speed).
  const version = choice.version ?? DEFAULT_PG_MAJOR;
  return choice.provider === 'embedded'
    ? () => startPostgres({ provider: 'embedded', version, ...(choice.supabaseGrants ? { supabaseGrants: choice.supabaseGrants } : {}), settings: { synchronous_commit: 'on' } })
    : undefined;
}

/** The flags a replay command needs to reach the same kind of server, on the same major. */
export function replayFlags(choice: PgChoice): string {
  const pg = choice.provider === 'embedded' ? '' : ` --pg ${choice.provider}`;
  const version = choice.version === undefined || choice.version === DEFAULT_PG_MAJOR ? '' : ` --pg-version ${choice.version}`;
  const grants = choice.supabaseGrants === undefined || choice.supabaseGrants === 'explicit' ? '' : ` --supabase-grants ${choice.supabaseGrants}`;
  return `${pg}${version}${grants}`;
}

/** e.g. `reaped 1 Postgres server left by a killed run (pid 4242, /tmp/hv-pg-x1y2z3)`; undefined: nothing. */
export function reapedLine(reaped: readonly ReapedServer[]): string | undefined {
  if (reaped.length === 0) return undefined;
  const servers = reaped.filter((r) => r.postmasterPid !== undefined).length;
  const dirs = reaped.length - servers;
  const what = [servers ? `${servers} Postgres server${servers > 1 ? 's' : ''}` : '', dirs ? `${dirs} temp dir${dirs > 1 ? 's' : ''}` : ''].filter(Boolean).join(' and ');
  const items = reaped.map((r) => (r.postmasterPid === undefined ? r.dir : `pid ${r.postmasterPid}, ${r.dir}`));
  return `reaped ${what} left by ${reaped.length > 1 ? 'killed runs' : 'a killed run'} (${items.join('; ')})`;
}
