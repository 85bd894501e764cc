import { describe, expect, it } from 'vitest';
import { InfraError } from '../../src/db/errors.ts';
import { startPostgres } from '../../src/db/start-postgres.ts';

// No Docker engine runs on these machines: this is the path that gets exercised.
describe('testcontainers provider', () => {
  it('without a container runtime: one-line InfraError pointing at --pg embedded / --pg url', async () => {
    const err: unknown = await startPostgres({ provider: 'testcontainers' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    const infra = err as InfraError;
    expect(infra.exitCode).toBe(3);
    expect(infra.message).not.toContain('\n');
    expect(infra.message).toMatch(/^no container runtime reachable/);
    expect(infra.message).toContain('--pg embedded');
    expect(infra.message).toContain('--pg url with DATABASE_URL');
  });
});
