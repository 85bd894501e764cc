import type { LegacyDataset } from '../../src/generate/dataset.ts';
import type { PropertyResult, RunReport } from '../../src/runner/result.ts';

/** Hand-built reports for the renderer tests: one that passes, one with every section and failure kind. */

export const SECRET = 's3cret';
export const SECRET_URI = `postgres://u:${SECRET}@h/db`;
export const XSS_NAME = '<script>alert(1)</script>';
export const KOREAN_NAME = '김민준';

const base = (over: Partial<PropertyResult> & Pick<PropertyResult, 'property' | 'verdict'>): PropertyResult => ({
  gate: over.property.split('/')[0]!,
  tags: ['phase-0'],
  description: `checks ${over.property}`,
  seed: 42,
  runs: 100,
  shrinks: 0,
  regressionsReplayed: 0,
  durationMs: 1234,
  ...over,
});

export const minimalDataset: LegacyDataset = {
  users: [{ id: '11111111-1111-4111-8111-111111111111', email: 'parent@example.com' }],
  rows: [
    {
      id: 1,
      user_id: '11111111-1111-4111-8111-111111111111',
      child_name: XSS_NAME,
      week_period: '2025년 10월 13일 ~ 2025년 10월 19일',
      week_start_date: '2025-10-13',
      theme: '바다',
      habits: [
        { name: '양치하기', times: ['green', 'yellow', 'red', 'none', null, 'green', 'green'] },
        { name: 'Read | 20 min', times: ['green', 'green'] },
      ],
      reflection: { note: 'ok' },
      reward: null,
      created_at: '2025-10-13T00:00:00.000Z',
      updated_at: '2025-10-13T00:00:00.000Z',
    },
    {
      id: 2,
      user_id: '11111111-1111-4111-8111-111111111111',
      child_name: KOREAN_NAME,
      week_period: null,
      week_start_date: '2025-10-13',
      theme: null,
      habits: 'not an array',
      reflection: null,
      reward: '스티커',
      created_at: '2025-10-13T00:00:00.000Z',
      updated_at: '2025-10-13T00:00:00.000Z',
    },
  ],
  anomalies: { 2: ['habits-not-array' as never] },
};

export function passingReport(): RunReport {
  return {
    runId: '2025-10-13T09-00-00-000-phase-0-42',
    command: 'habit-verify gate phase-0 --seed 42',
    startedAt: '2025-10-13T09:00:00.000Z',
    finishedAt: '2025-10-13T09:01:00.000Z',
    seed: 42,
    provider: 'embedded',
    gates: ['phase-0'],
    results: [
      base({ property: 'phase-0/round-trip', verdict: 'passed' }),
      base({ property: 'phase-0/accounting', verdict: 'passed', durationMs: 800 }),
    ],
  };
}

export function failingReport(): RunReport {
  return {
    runId: '2025-10-13T10-00-00-000-all-7',
    command: `habit-verify gate all --pg ${SECRET_URI}`,
    startedAt: '2025-10-13T10:00:00.000Z',
    finishedAt: '2025-10-13T10:05:00.000Z',
    seed: 7,
    provider: 'url',
    gates: ['all'],
    results: [
      base({
        property: 'phase-0/round-trip',
        verdict: 'failed',
        seed: 7,
        path: '3:1:0',
        runs: 37,
        shrinks: 12,
        counterexample: minimalDataset,
        failure: {
          message: `legacy view differs from the canonical form (connected to ${SECRET_URI})`,
          details: {
            diffs: [
              { legacy_id: 1, field: 'theme', expected: '바다', actual: null },
              { legacy_id: 1, field: 'habits[0].times[3]', expected: 'none', actual: 'red' },
              { legacy_id: 1, field: 'habits[1].times[5]', expected: 'none', actual: null },
              { legacy_id: 2, field: 'row', expected: 'migrated', actual: 'missing from the new schema' },
            ],
          },
        },
        replayCommand: 'npx habit-verify replay phase-0/round-trip --seed 7 --path 3:1:0',
      }),
      base({
        property: 'phase-0/resumability',
        verdict: 'failed',
        seed: 7,
        runs: 5,
        shrinks: 3,
        counterexample: { dataset: minimalDataset, crashAfterBatch: 1 },
        failure: {
          message: 'rows lost after resume\nsecond line with "quotes" & <angle>',
          details: { problems: [{ legacy_id: 1, problem: 'lost', expected: 'migrated', actual: 'neither' }], batch: 1 },
        },
        replayCommand: 'npx habit-verify replay phase-0/resumability --seed 7',
      }),
      base({ property: 'phase-0/idempotency', verdict: 'passed', seed: 7, interrupted: true }),
      base({ property: 'phase-0/time-zone-independence', verdict: 'skipped', runs: 0, note: 'needs a server that allows SET TIME ZONE' }),
      base({ property: 'rollback/phase-0', tags: ['rollback'], verdict: 'error', runs: 0, note: `could not connect to ${SECRET_URI}: ECONNREFUSED` }),
    ],
    quarantine: [
      { reason: 'habits_not_array', count: 3, examples: [{ legacy_id: 2, reason: 'habits_not_array', detail: null, original: { id: 2, child_name: XSS_NAME } }] },
      { reason: 'owner_null', count: 1, examples: [{ legacy_id: 9, reason: 'owner_null', detail: null, original: { id: 9 } }] },
    ],
    drift: [
      { legacy_id: 1, child: XSS_NAME, week: '2025-10-13', habit_index: 0, day: 3, field: 'status', legacy: 'none', new: 'red', kind: 'changed' },
      { legacy_id: 5, child: '=HYPERLINK("http://evil")', week: '2025-10-20', habit_index: null, day: null, field: 'theme', legacy: 'a, "b"', new: null, kind: 'changed' },
    ],
    stalls: [
      { step: 'create shadow tables', p50Ms: 2, p99Ms: 15, maxMs: 40, errors: 0 },
      { step: 'validate constraints', p50Ms: 3, p99Ms: 120, maxMs: 900, errors: 2 },
    ],
    killMatrix: [
      { id: 'child-identity-by-name', killed: true, killedBy: ['phase-0/round-trip', 'phase-0/accounting'], casesToKill: 4, ms: 2100 },
      { id: 'drift-habits-only', killed: false, killedBy: [], ms: 30000, counterexample: { note: XSS_NAME } },
    ],
  };
}
