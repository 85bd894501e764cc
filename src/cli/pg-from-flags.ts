import type { Config } from '../config.ts';
import type { ProviderKind, StartedPostgres } from '../db/types.ts';
import { startPostgres } from '../db/start-postgres.ts';
import { UsageError } from './usage-error.ts';

const KINDS: readonly ProviderKind[] = ['embedded', 'url', 'testcontainers'];

/** `--pg` (or HV_PG), validated. */
export function providerOf(flag: string | undefined, config: Config): ProviderKind {
  const kind = flag ?? config.pg;
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`--pg ${kind}: expected one of ${KINDS.join(', ')}`);
  return kind as ProviderKind;
}

/** Starts the Postgres the flags ask for; InfraError (exit 3) when none can be had. */
export function startFromFlags(flag: string | undefined, config: Config): Promise<StartedPostgres> {
  const provider = providerOf(flag, config);
  return startPostgres({
    provider,
    ...(config.databaseUrl ? { url: config.databaseUrl } : {}),
    ...(config.image ? { image: config.image } : {}),
  });
}

/** A private embedded server for crash tests, when the run itself uses embedded. */
export function ownServerFactory(provider: ProviderKind): (() => Promise<StartedPostgres>) | undefined {
  // synchronous_commit on: the crash tests SIGKILL the postmaster, and a commit that returned must
  // survive that (the shared server runs with it off, for speed).
  return provider === 'embedded' ? () => startPostgres({ provider: 'embedded', settings: { synchronous_commit: 'on' } }) : undefined;
}

/** The flags a replay command needs to reach the same kind of server. */
export function replayFlags(provider: ProviderKind): string {
  return provider === 'embedded' ? '' : ` --pg ${provider}`;
}
