import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPreviousRun } from '../../src/report/previous-run.ts';
import type { RunReport } from '../../src/runner/result.ts';
import { passingReport } from './fixtures.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hv-prev-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function put(runId: string, over: Partial<RunReport>): Promise<void> {
  await mkdir(join(root, runId), { recursive: true });
  await writeFile(join(root, runId, 'run.json'), JSON.stringify({ ...passingReport(), runId, ...over }));
}

describe('findPreviousRun', () => {
  it('the newest earlier run of the same gate and defect; other gates, defects, later runs and junk are passed over', async () => {
    await put('2025-10-13T08-00-00-000-phase-0-1', { startedAt: '2025-10-13T08:00:00.000Z', gates: ['phase-0'] });
    await put('2025-10-13T08-30-00-000-phase-0-1', { startedAt: '2025-10-13T08:30:00.000Z', gates: ['phase-0'] });
    await put('2025-10-13T08-40-00-000-phase-0-1', { startedAt: '2025-10-13T08:40:00.000Z', gates: ['phase-0'], defect: 'drift-habits-only' });
    await put('2025-10-13T08-50-00-000-all-1', { startedAt: '2025-10-13T08:50:00.000Z', gates: ['all'] });
    await put('2025-10-13T10-00-00-000-phase-0-1', { startedAt: '2025-10-13T10:00:00.000Z', gates: ['phase-0'] });
    await mkdir(join(root, '2025-10-13T08-55-00-000-phase-0-1'));
    await writeFile(join(root, '2025-10-13T08-55-00-000-phase-0-1', 'run.json'), '{ not json');
    await symlink('2025-10-13T10-00-00-000-phase-0-1', join(root, 'latest'));
    const current = { runId: '2025-10-13T09-00-00-000-phase-0-1', gates: ['phase-0'], startedAt: '2025-10-13T09:00:00.000Z' };
    expect((await findPreviousRun(root, current))?.runId).toBe('2025-10-13T08-30-00-000-phase-0-1');
    expect((await findPreviousRun(root, { ...current, defect: 'drift-habits-only' }))?.runId).toBe('2025-10-13T08-40-00-000-phase-0-1');
    expect(await findPreviousRun(root, { ...current, gates: ['rollback'] })).toBeUndefined();
    expect(await findPreviousRun(join(root, 'missing'), current)).toBeUndefined();
  });

  it('results of runs from before the single gate get it from their name', async () => {
    const old = passingReport();
    await put('2025-10-13T08-00-00-000-phase-0-1', { startedAt: '2025-10-13T08:00:00.000Z', results: old.results.map(({ gate: _g, ...r }) => r) as RunReport['results'] });
    const prev = await findPreviousRun(root, { runId: 'x', gates: ['phase-0'], startedAt: '2025-10-13T09:00:00.000Z' });
    expect(prev?.results.map((r) => r.gate)).toEqual(['phase-0', 'phase-0']);
  });
});
