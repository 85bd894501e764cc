import { PG_MAJORS, type PgMajor, type ProviderKind } from './db/types.ts';
import { SUPABASE_GRANTS, type SupabaseGrants } from './db/supabase-grants.ts';

/**
 * The ONE module that reads the environment. Everything else receives these values as arguments.
 *
 * | variable           | field        | meaning                                                        |
 * | ------------------ | ------------ | -------------------------------------------------------------- |
 * | HV_PG              | pg           | `embedded` (default), `url` or `testcontainers`                |
 * | DATABASE_URL       | databaseUrl  | server for `--pg url` (its database part is ignored)           |
 * | HV_PG_VERSION      | pgVersion    | PostgreSQL major: 15, 16, 17 (default) or 18                   |
 * | HV_SUPABASE_GRANTS | supabaseGrants | `explicit` (default, Supabase today) or `auto` (new objects granted to the API roles) |
 * | HV_IMAGE           | image        | image for `testcontainers` (default `postgres:<pgVersion>`)    |
 * | HV_RUNS            | runs         | fast-check runs per property                                   |
 * | HV_SEED            | seed         | fast-check seed                                                |
 * | HV_TIME_BUDGET_MS  | timeBudgetMs | wall-clock budget of a property run                            |
 * | HV_MAX_STALL_MS    | maxStallMs   | zero-downtime bound: longest write stall a migration step may cause (default 1000) |
 */
export interface Config {
  pg: ProviderKind;
  databaseUrl?: string;
  /** Unset: the default major (17) for embedded/testcontainers, whatever the server runs for url. */
  pgVersion?: PgMajor;
  supabaseGrants?: SupabaseGrants;
  image?: string;
  runs?: number;
  seed?: number;
  timeBudgetMs?: number;
  maxStallMs?: number;
}

const PROVIDERS: readonly ProviderKind[] = ['embedded', 'url', 'testcontainers'];

/** A variable holds a value the harness cannot use. Exit code 2 (usage). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly exitCode = 2;
  constructor(
    readonly variable: string,
    readonly received: string,
    expected: string,
  ) {
    super(`${variable}=${JSON.stringify(received)} is not valid: expected ${expected}`);
  }
}

/** Reads the harness's variables from `env` (default `process.env`). Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const pg = get('HV_PG') ?? 'embedded';
  if (!(PROVIDERS as readonly string[]).includes(pg)) throw new ConfigError('HV_PG', pg, PROVIDERS.join(' | '));
  const config: Config = { pg: pg as ProviderKind };
  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl !== undefined) config.databaseUrl = databaseUrl;
  const pgVersion = get('HV_PG_VERSION');
  if (pgVersion !== undefined) {
    if (!(PG_MAJORS as readonly number[]).includes(Number(pgVersion))) throw new ConfigError('HV_PG_VERSION', pgVersion, PG_MAJORS.join(' | '));
    config.pgVersion = Number(pgVersion) as PgMajor;
  }
  const grants = get('HV_SUPABASE_GRANTS');
  if (grants !== undefined) {
    if (!(SUPABASE_GRANTS as readonly string[]).includes(grants)) throw new ConfigError('HV_SUPABASE_GRANTS', grants, SUPABASE_GRANTS.join(' | '));
    config.supabaseGrants = grants as SupabaseGrants;
  }
  const image = get('HV_IMAGE');
  if (image !== undefined) config.image = image;
  const runs = integer(get, 'HV_RUNS', 1);
  if (runs !== undefined) config.runs = runs;
  const seed = integer(get, 'HV_SEED', -(2 ** 31));
  if (seed !== undefined) config.seed = seed;
  const timeBudgetMs = integer(get, 'HV_TIME_BUDGET_MS', 1);
  if (timeBudgetMs !== undefined) config.timeBudgetMs = timeBudgetMs;
  const maxStallMs = integer(get, 'HV_MAX_STALL_MS', 1);
  if (maxStallMs !== undefined) config.maxStallMs = maxStallMs;
  return config;
}

function integer(get: (name: string) => string | undefined, name: string, min: number): number | undefined {
  const raw = get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new ConfigError(name, raw, `an integer >= ${min}`);
  return value;
}
