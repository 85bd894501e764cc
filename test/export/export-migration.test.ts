/**
 * What `habit-verify export` writes is byte for byte what the gates run: for both formats, every step of
 * every phase, in every stage it runs in (apply, rename, complete, rollback), is exactly one file whose
 * body — below the marker line — is the executor's `SET lock_timeout` and the step's SQL, in run order.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCK_TIMEOUT_MS } from '../../src/contract/executor.ts';
import { PHASE_IDS, type PhaseId } from '../../src/contract/phase.ts';
import type { Step } from '../../src/contract/step.ts';
import { exportMigration, type ExportedFile } from '../../src/export/export-migration.ts';
import { STEP_SQL_MARKER } from '../../src/export/step-file.ts';
import { ourMigration } from '../../src/migration/implementation.ts';

interface Expected {
  phase: PhaseId;
  stage: string;
  step: Step;
  direction: 'up' | 'down';
}

/** What each phase's apply, later stages, complete and rollback run, from the phase itself. */
function expectedRuns(): Expected[] {
  return PHASE_IDS.flatMap((phase) => {
    const p = ourMigration.phases[phase];
    const stages = [...new Set(p.steps.flatMap((s) => (s.stage ? [s.stage] : [])))];
    return [
      ...p.steps.filter((s) => !s.stage).map((step) => ({ phase, stage: 'apply', step, direction: 'up' as const })),
      ...stages.flatMap((stage) => p.steps.filter((s) => s.stage === stage).map((step) => ({ phase, stage, step, direction: 'up' as const }))),
      ...p.completeSteps.map((step) => ({ phase, stage: 'complete', step, direction: 'up' as const })),
      ...[...p.steps].reverse().filter((s) => s.down).map((step) => ({ phase, stage: 'rollback', step, direction: 'down' as const })),
    ];
  });
}

/** A step file taken apart: where its header says it belongs, and its body below the marker. */
function parse(f: ExportedFile) {
  const [where, what] = f.content.split('\n');
  const w = /^-- habit-verify: (phase-\d), (\S+), step (\d+) of (\d+)/.exec(where!);
  const s = /^-- step: (\S+) \((up|down)\)$/.exec(what!);
  const at = f.content.indexOf(`\n${STEP_SQL_MARKER}\n`);
  if (!w || !s || at < 0) throw new Error(`${f.path}: not a step file`);
  return { phase: w[1] as PhaseId, stage: w[2]!, index: Number(w[3]), name: s[1]!, direction: s[2] as 'up' | 'down', body: f.content.slice(at + STEP_SQL_MARKER.length + 2) };
}

const formats = {
  plain: exportMigration(ourMigration, { format: 'plain' }),
  supabase: exportMigration(ourMigration, { format: 'supabase', timestamp: new Date('2026-12-03T12:00:00Z') }),
};

describe.each(Object.entries(formats))('%s export', (format, files) => {
  const stepFiles = files.filter((f) => f.content.includes(`\n${STEP_SQL_MARKER}\n`));
  const expected = expectedRuns();

  it('every step of every stage is one file whose body is SET lock_timeout and the step\'s SQL, byte for byte', () => {
    expect(stepFiles).toHaveLength(expected.length);
    for (const e of expected) {
      const matches = stepFiles.map(parse).filter((p) => p.phase === e.phase && p.stage === e.stage && p.name === e.step.name && p.direction === e.direction);
      expect(matches, `${format} ${e.phase} ${e.stage} ${e.step.name}`).toHaveLength(1);
      const timeout = ourMigration.phases[e.phase].executor.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
      const sql = e.direction === 'up' ? e.step.up : e.step.down!;
      expect(matches[0]!.body).toBe(`SET lock_timeout = ${timeout};\n${sql}\n`);
    }
  });

  it('file names sort in run order, stage by stage', () => {
    const byStage = new Map<string, ExportedFile[]>();
    for (const f of stepFiles) {
      const p = parse(f);
      const key = `${p.phase} ${p.stage}`;
      byStage.set(key, [...(byStage.get(key) ?? []), f]);
    }
    for (const [key, list] of byStage) {
      const names = [...list].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => parse(f).name);
      expect(names, key).toEqual(expected.filter((e) => `${e.phase} ${e.stage}` === key).map((e) => e.step.name));
    }
  });

  it('the header says how the step runs: outside a transaction exactly when the executor runs it so', () => {
    for (const f of stepFiles) {
      const p = parse(f);
      const step = [...ourMigration.phases[p.phase].steps, ...ourMigration.phases[p.phase].completeSteps].find((s) => s.name === p.name)!;
      expect(f.content.includes('\n-- transaction: none'), f.path).toBe(step.transactional === false);
      expect(f.content.includes('\n-- transaction: one'), f.path).toBe(step.transactional !== false);
    }
  });

  it('a README gives the order, and the backfill is a psql script around the implementation\'s batch', () => {
    const readme = files.find((f) => f.path === 'README.md')!.content;
    const backfill = files.find((f) => f.path.endsWith('backfill.sql'))!;
    expect(readme).toContain(backfill.path);
    expect(backfill.content).toContain(`SELECT * INTO batch FROM (${ourMigration.backfill.batchSql}) AS b;`);
    expect(backfill.content).toContain('COMMIT;');
  });
});

describe('supabase export', () => {
  const files = formats.supabase;
  const migrations = files.filter((f) => f.path.startsWith('migrations/'));

  it('forward steps only, one migration each, versions one second apart in run order from --timestamp', () => {
    const versions = migrations.map((f) => /\/(\d{14})_[^/]+\.sql$/.exec(f.path)![1]!);
    expect(versions[0]).toBe('20261203120000');
    expect([...versions].sort()).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(migrations.every((f) => parse(f).direction === 'up')).toBe(true);
    expect(migrations).toHaveLength(expectedRuns().filter((e) => e.stage !== 'rollback').length);
  });

  it('one group per stage; the downs are psql files apart; no migration holds BEGIN or COMMIT of its own', () => {
    expect([...new Set(migrations.map((f) => f.path.split('/')[1]))]).toEqual([
      '1-phase-0-apply', '2-phase-1-apply', '3-phase-2-apply', '4-phase-3-apply', '5-phase-3-rename', '6-phase-3-complete',
    ]);
    expect(files.filter((f) => f.path.startsWith('rollback/')).every((f) => parse(f).direction === 'down')).toBe(true);
    for (const f of migrations) expect(f.content, f.path).not.toMatch(/^\s*(BEGIN|COMMIT|START TRANSACTION)\s*;/im);
  });
});
