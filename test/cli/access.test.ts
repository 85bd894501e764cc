import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support.ts';

interface AccessJson {
  regime: string;
  beyondMatrix: number;
  steps: Array<{ phase: string; step: string; direction: string; access: Array<{ role: string; object: string; kind: string; operation: string; allowed: boolean; rows?: number }> }>;
}

const FAMILY = ['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'];
const BOOKKEEPING = ['backfill_progress', 'migration_quarantine', 'migration_warnings', 'idempotency_log', 'read_mismatches', 'migration_retirement'];

describe('habit-verify access', () => {
  let reports: string;
  beforeAll(async () => {
    reports = await mkdtemp(join(tmpdir(), 'hv-access-'));
  });
  afterAll(() => rm(reports, { recursive: true, force: true }));

  it('under automatic grants: anon denied on every family and bookkeeping object at every step, up and down; exit 0; the report written', async () => {
    const r = await cli(['access', '--seed', '1', '--supabase-grants', 'auto', '--json', '--report-dir', reports], {}, 300_000);
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as AccessJson;
    expect(run.regime).toBe('auto');
    expect(run.beyondMatrix).toBe(0);
    expect(run.steps[0]).toMatchObject({ phase: 'legacy', direction: 'up' });
    expect(run.steps.some((s) => s.phase === 'phase-0' && s.step === 'create-children')).toBe(true);
    expect(run.steps.some((s) => s.phase === 'phase-2' && s.direction === 'down')).toBe(true);
    const anonOnNew = run.steps.flatMap((s) =>
      s.access.filter((a) => a.role === 'anon' && a.allowed && [...FAMILY, ...BOOKKEEPING].includes(a.object)).map((a) => `${s.phase} ${s.step}: ${a.operation} ${a.object}`),
    );
    expect(anonOnNew).toEqual([]);
    // the parent does reach the family's own rows once Phase 2 is on
    const end = run.steps.filter((s) => s.direction === 'up').at(-1)!;
    expect(end.access.find((a) => a.role === 'owner' && a.object === 'weeks' && a.operation === 'SELECT')).toMatchObject({ allowed: true });
    const [dir] = (await readdir(reports)).filter((d) => d !== 'latest');
    const html = await readFile(join(reports, dir!, 'index.html'), 'utf8');
    expect(html).toContain('Who can reach what, step by step');
    expect(await readFile(join(reports, dir!, 'access.csv'), 'utf8')).toMatch(/^phase,step,direction,role,object,kind,operation,allowed/);
  }, 320_000);

  it('a broken variant goes beyond the matrix: exit 1 and the step named', async () => {
    const r = await cli(['access', '--seed', '1', '--phase', 'phase-0', '--defect', 'shadow-tables-open', '--report-dir', reports], {}, 300_000);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/phase-0 up\s+create-children .*BEYOND: anon has TRUNCATE on table children/);
    expect(r.stderr).toMatch(/^FAIL: \d+ of \d+ step boundaries beyond the access matrix/m);
  }, 320_000);

  it('refuses an unknown phase with exit 2', async () => {
    const r = await cli(['access', '--phase', 'phase-9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--phase "phase-9": expected one of phase-0, phase-1, phase-2, phase-3');
  });
});
