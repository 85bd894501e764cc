import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATES } from '../../properties/index.ts';
import { PHASE_IDS } from '../../src/contract/phase.ts';
import { planV2 } from '../../src/plan-v2/implementation.ts';
import type { PropertyResult, RunReport } from '../../src/runner/result.ts';
import { PLAN_SECTION_HEADING, renderPlanTable, replaceReadmeSection } from '../../src/report/plan-table.ts';
import { PROPERTY_PLAN_REFERENCES, stepPlanReference } from '../../src/report/plan-references.ts';
import { planTableCommand } from '../../src/cli/commands/plan-table.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

const result = (over: Partial<PropertyResult> & Pick<PropertyResult, 'property' | 'verdict'>): PropertyResult => ({
  gate: over.property.split('/')[0]!,
  tags: ['phase-0'], description: '', seed: 1, runs: 0, shrinks: 0, regressionsReplayed: 0, durationMs: 1, impl: 'plan-v2', ...over,
});
const SETUP = 'the migration could not be set up on an empty database (no data involved)';
const run = (results: PropertyResult[]): RunReport => ({
  runId: 'r', command: 'habit-verify gate all --impl plan-v2 --seed 1 --json', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:44.000Z',
  seed: 1, provider: 'embedded (PostgreSQL 17)', gates: ['all'], results,
});
const phase0Failure = result({
  property: 'phase-0/round-trip', verdict: 'failed', note: SETUP,
  failure: { message: 'MigrationError: step shadow-schema (up) failed: CREATE INDEX CONCURRENTLY cannot run inside a transaction block (SQLSTATE 25001)' },
});
const routerFailure = result({
  property: 'phase-2/router', verdict: 'failed',
  failure: { message: 'router: share over 10000 v4 users', details: { problems: [0, 5].map((p) => ({ problem: 'share', percentage: p, observed: 1, users: 10000 })) } },
});

describe('plan table', () => {
  it('has a plan reference for every property of every gate, and for every step of the port', () => {
    const properties = Object.values(GATES).flat().map((p) => p.name);
    expect(properties.filter((p) => !PROPERTY_PLAN_REFERENCES[p])).toEqual([]);
    const steps = PHASE_IDS.flatMap((id) => [...planV2.phases[id].steps, ...planV2.phases[id].completeSteps].map((s) => s.name));
    expect(steps.filter((s) => !stepPlanReference(s))).toEqual([]);
  });

  it('a row per property: the failing step and the plan line behind it, what the property checks, the summary', () => {
    const md = renderPlanTable(run([phase0Failure, routerFailure, result({ property: 'phase-0/accounting', verdict: 'error', failure: { message: 'HarnessError: x | y' } })]));
    expect(md.startsWith(`${PLAN_SECTION_HEADING}\n`)).toBe(true);
    expect(md).toContain('npx habit-verify plan-table plan-v2-run.json --readme README.md');
    expect(md).toContain('**2 failed**, 1 error(s), 0 passed.');
    expect(md).toContain(
      "| `phase-0/round-trip` | **FAIL** | Before any data, applying Phase 0 fails at its step `shadow-schema`: CREATE INDEX CONCURRENTLY cannot run inside a transaction block (25001). | Phase 0 Step 1 (새 테이블 생성): `CREATE INDEX CONCURRENTLY idx_children_user_id ON children(user_id);` inside the script's `BEGIN; … COMMIT;` |",
    );
    expect(md).toContain('| `phase-2/router` | **FAIL** | With the flag on, the new schema serves 100 % of 10000 users at 0 % and 5 %. | Phase 2, Feature Flag 구현:');
    expect(md).toContain('| `phase-0/accounting` | ERROR | could not check (the harness, not the plan): HarnessError: x \\| y | — |');
    expect(md).toContain("`user_id: row.user_id \\|\\| '00000000-…'`"); // a pipe in a reference does not split the cell
  });

  it('replaces its README section in place, or inserts it before the defect catalogue; twice is once', () => {
    const section = renderPlanTable(run([phase0Failure]));
    const readme = '# x\n\n## Layout\n\n```sh\n## not a heading\n```\n\n## The defect catalogue\n\nrows\n';
    const once = replaceReadmeSection(readme, section);
    expect(once).toContain(`\n${section}\n## The defect catalogue`);
    expect(replaceReadmeSection(once, section)).toBe(once);
    const changed = replaceReadmeSection(once, renderPlanTable(run([routerFailure])));
    expect(changed).not.toContain('phase-0/round-trip');
    expect(changed).toContain('## Layout\n\n```sh\n## not a heading\n```');
    expect(replaceReadmeSection('# x\n', section)).toBe(`# x\n\n${section}`);
  });

  it('the command refuses what is not a run of plan-v2 (usage error), and writes the README when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hv-plan-table-'));
    const write = async (name: string, text: string) => (await writeFile(join(dir, name), text), join(dir, name));
    await expect(planTableCommand(join(dir, 'missing.json'), {})).rejects.toThrow(UsageError);
    await expect(planTableCommand(await write('bad.json', '{'), {})).rejects.toThrow(/not JSON/);
    await expect(planTableCommand(await write('other.json', '{"x":1}'), {})).rejects.toThrow(/not a habit-verify run/);
    const ours = await write('ours.json', JSON.stringify(run([{ ...phase0Failure, impl: 'habit-verify' }])));
    await expect(planTableCommand(ours, {})).rejects.toThrow(/a run of "habit-verify", not of plan-v2/);
    const good = await write('run.json', JSON.stringify(run([phase0Failure])));
    expect(await planTableCommand(good, {})).toBe(renderPlanTable(run([phase0Failure])));
    const readme = await write('README.md', '# x\n\n## The defect catalogue\n');
    expect(await planTableCommand(good, { readme })).toMatch(/regenerated/);
    expect(await readFile(readme, 'utf8')).toContain('| `phase-0/round-trip` | **FAIL** |');
  });
});
