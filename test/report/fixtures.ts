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
    stallLimitMs: 1000,
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

/** 100 characters (code points), 198 UTF-16 units: a name at the limit that a UTF-16 count would refuse. */
export const EMOJI_NAME_AT_LIMIT = `민준🌟${'🦷'.repeat(96)}🦖`;
const OWNER = '00000000-0000-4000-8000-000000000000';

/** phase-2/read-equivalence as it failed on a name at the limit: a quarantine the rules do not give. */
export function emojiQuarantineResult(): PropertyResult {
  const row = (id: number, child_name: string, week: string) => ({
    id, user_id: OWNER, child_name, week_period: null, week_start_date: week, theme: null,
    habits: [{ name: '양치하기', times: ['green', 'green', 'green', 'green', 'green', 'green', 'green'] }],
    reflection: {}, reward: null, created_at: `${week}T00:00:00.000Z`, updated_at: `${week}T00:00:00.000Z`,
  });
  const dataset: LegacyDataset = { users: [{ id: OWNER, email: 'parent@example.com' }], rows: [row(1, EMOJI_NAME_AT_LIMIT, '2024-01-01'), row(2, '민준', '1990-12-31')], anomalies: { 1: ['child_name_emoji' as never] } };
  const path = '3:0:0:0:0:0:0:0:0:1:0:0:1:1:1:1:1:1:1:1:1:1:1:1:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2';
  return base({
    property: 'phase-2/read-equivalence',
    description: 'Every owner reads the same weeks from the new schema as from the legacy table.',
    tags: ['phase-2'],
    verdict: 'failed',
    seed: 1574646479,
    path,
    runs: 4,
    shrinks: 40,
    counterexample: { dataset, history: [], timeZone: 'UTC' },
    dataset,
    failure: {
      message: '1 legacy week(s) not migrated as the mapping rules require: their owners would not read them as before on the new schema',
      details: { problems: [{ legacy_id: 1, problem: 'unexpected_quarantine', expected: 'migrated', actual: 'quarantined (child_name_length)' }] },
    },
    replayCommand: `npx habit-verify replay phase-2/read-equivalence --seed 1574646479 --path ${path}`,
    regressionFile: 'fixtures/regressions/phase-2--read-equivalence--emoji-on-a-name-at-the-limit-5d5a5e2c29.json',
  });
}

const stall = (step: string, maxMs: number, p99Ms = Math.round(maxMs * 0.8), writes = 20) => ({ step, p50Ms: Math.min(12, maxMs), p99Ms, maxMs, errors: 0, writes, stepMs: Math.round(maxMs * 0.9) });

/** phase-3/zero-downtime with the rename stalling a write past the bound (HV_MAX_STALL_MS 1000 + a 90 ms baseline). */
export function stallOverResult(): PropertyResult {
  const stalls = [stall('(no migration step running)', 90, 60, 400), stall('phase-3 up record-retirement', 32), stall('phase-3 up rename-legacy', 1500, 1500, 6), stall('phase-3 down restore-legacy', 48)];
  return base({
    property: 'phase-3/zero-downtime',
    tags: ['phase-3'],
    verdict: 'failed',
    runs: 2,
    stalls,
    failure: {
      message: 'a write stalled 1500 ms during "phase-3 up rename-legacy" (bound 1090 ms: HV_MAX_STALL_MS 1000 + the slowest baseline write of this run, 90 ms)',
      details: { over: [stalls[2]], stalls, baselineMaxMs: 90 },
    },
    replayCommand: 'npx habit-verify replay phase-3/zero-downtime --seed 42 --path 1:0',
  });
}

/** rollback/zero-downtime passing, with many steps (three phases applied, rolled back, applied again). */
export function manyStallsResult(): PropertyResult {
  const steps = ['phase-0', 'phase-1', 'phase-2'].flatMap((p) => ['up create-tables', 'up backfill', 'up add-constraints-not-valid', 'down drop-tables-and-functions-created-by-this-phase'].map((s) => `${p} ${s}`));
  return base({
    property: 'rollback/zero-downtime',
    tags: ['rollback', 'phase-0', 'phase-1', 'phase-2'],
    verdict: 'passed',
    runs: 2,
    stalls: [stall('(no migration step running)', 87, 55, 364), ...steps.map((s, i) => stall(s, 20 + ((i * 37) % 300)))],
  });
}
