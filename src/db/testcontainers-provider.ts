import { attachPostgres } from './attach-postgres.ts';
import { track } from './cleanup-registry.ts';
import { InfraError } from './errors.ts';
import { withDatabase } from './redact-uri.ts';
import { DEFAULT_PG_MAJOR, type StartOptions, type StartedPostgres, type TestDatabase } from './types.ts';

/** Same test settings as the embedded provider (durability off). */
const POSTGRES_COMMAND = ['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200', '-c', 'jit=off'];

/**
 * Opt-in provider: Postgres in a container: `opts.image`, else `postgres:<opts.version ?? 17>`. testcontainers is
 * imported only here, on demand (its import costs ~0.5 s). Without a reachable container runtime it
 * fails fast with a one-line {@link InfraError} pointing at the other providers.
 */
export async function startTestcontainers(opts: StartOptions): Promise<StartedPostgres> {
  const t0 = performance.now();
  const image = opts.image ?? `postgres:${opts.version ?? DEFAULT_PG_MAJOR}`;
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (err) {
    throw new InfraError({
      what: 'no container runtime reachable',
      where: `testcontainers (${image})`,
      hint: 'use --pg embedded (the default) or --pg url with DATABASE_URL',
      cause: err,
    });
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  let container: Awaited<ReturnType<InstanceType<typeof PostgreSqlContainer>['start']>>;
  try {
    container = await new PostgreSqlContainer(image).withCommand(POSTGRES_COMMAND).start();
  } catch (err) {
    throw new InfraError({ what: `cannot start container ${image}`, where: 'testcontainers', hint: 'check the image name and the container runtime, or use --pg embedded', cause: err });
  }
  try {
    const attached = await attachPostgres(withDatabase(container.getConnectionUri(), 'postgres'), 'testcontainers', opts.supabaseGrants ? { supabaseGrants: opts.supabaseGrants } : {});
    return new ContainerServer(attached, container, performance.now() - t0);
  } catch (err) {
    await container.stop().catch(() => undefined);
    throw err;
  }
}

class ContainerServer implements StartedPostgres {
  readonly kind = 'testcontainers' as const;
  private closing: Promise<void> | undefined;
  private readonly untrack: () => void;
  readonly timings: { readyMs: number };

  constructor(
    private readonly attached: StartedPostgres,
    private readonly container: { stop(): Promise<unknown> },
    readyMs: number,
  ) {
    this.timings = { readyMs };
    this.untrack = track(this);
  }

  get adminUri(): string {
    return this.attached.adminUri;
  }

  get serverVersion(): number {
    return this.attached.serverVersion;
  }

  get supabaseGrants() {
    return this.attached.supabaseGrants;
  }

  createDatabase(label?: string): Promise<TestDatabase> {
    return this.attached.createDatabase(label);
  }


  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.attached.close().catch(() => undefined); // the container goes anyway
      await this.container.stop();
      this.untrack();
    })();
    return this.closing;
  }

  /** At `exit` testcontainers' reaper (Ryuk) removes the container once this process is gone. */
  closeSync(): void {}

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
