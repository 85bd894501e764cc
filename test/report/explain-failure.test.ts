import { describe, expect, it } from 'vitest';
import { explainFailure, reasonsFor } from '../../src/report/explain-failure.ts';
import { QUARANTINE_RULES, rowFact } from '../../src/report/quarantine-in-words.ts';
import { QUARANTINE_REASONS } from '../../src/migration/mapping-rules.ts';
import type { LegacyRow } from '../../src/generate/dataset.ts';
import type { PropertyResult } from '../../src/runner/result.ts';
import { emojiQuarantineResult, failingReport, stallOverResult } from './fixtures.ts';

const OWNER = '00000000-0000-4000-8000-000000000000';
const row = (over: Partial<LegacyRow>): LegacyRow => ({
  id: 1, user_id: OWNER, child_name: '민준', week_period: null, week_start_date: '2024-01-01', theme: null,
  habits: [{ name: '양치하기', times: ['green', 'green', 'green', 'green', 'green', 'green', 'green'] }],
  reflection: {}, reward: null, created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z', ...over,
});
const failed = (over: Partial<PropertyResult>): PropertyResult => ({
  property: 'phase-0/accounting', gate: 'phase-0', tags: ['phase-0'], description: 'Every legacy row is migrated or quarantined.',
  verdict: 'failed', seed: 1, runs: 3, shrinks: 0, regressionsReplayed: 0, durationMs: 10, ...over,
});

describe('explainFailure', () => {
  it('a quarantine the rules do not give: the reason, the rule, and what the row holds, counted as the oracle counts', () => {
    const e = explainFailure(emojiQuarantineResult());
    const [reason] = reasonsFor(e, 1);
    expect(reason!.text).toBe('Row #1 was quarantined as child_name_length, but the rules migrate it: the child name has 100 characters (198 UTF-16 units); names of 1 to 100 characters migrate.');
    expect(e.rule).toMatch(/^What must hold: /);
  });

  it('a row the rules quarantine but the migration migrated: "child name has 101 characters; at most 100 migrate"', () => {
    const r = failed({
      counterexample: { users: [{ id: OWNER, email: 'a@b' }], rows: [row({ child_name: 'a'.repeat(101) })] },
      failure: { message: '1 legacy row(s) not accounted for', details: { problems: [{ legacy_id: 1, problem: 'not_quarantined', expected: 'quarantined (child_name_length)', actual: 'migrated' }] } },
    });
    expect(reasonsFor(explainFailure(r), 1)[0]!.text).toBe('Row #1 was migrated, but the rules quarantine it as child_name_length: the child name has 101 characters; at most 100 migrate.');
  });

  it('a wrong reason names the first rule that applies, with the fact', () => {
    const r = failed({
      counterexample: { users: [{ id: OWNER, email: 'a@b' }], rows: [row({ week_start_date: '2024-01-02', habits: 'x' })] },
      failure: { message: 'm', details: { problems: [{ legacy_id: 1, problem: 'wrong_reason', expected: 'quarantined (week_not_monday)', actual: 'quarantined (habits_not_array)' }] } },
    });
    expect(explainFailure(r).reasons[0]!.text).toContain('was quarantined as habits_not_array, but the first rule it breaks is week_not_monday: the week starts on 2024-01-02, a Tuesday (a week starts on a Monday');
  });

  it('a difference: the field in words, both values and the rule that should have held', () => {
    const e = explainFailure(failingReport().results[0]!);
    const texts = e.reasons.map((x) => x.text);
    expect(texts).toContain('Row #1, theme: should read back as "바다", the new schema holds null — text migrates byte for byte.');
    expect(texts).toContain('Row #1, habit 1 ("양치하기"), Thu: should read back as "none", the new schema holds "red" — a valid status migrates as it is.');
    expect(texts).toContain('Row #1, habit 2 ("Read | 20 min"), Sat: should read back as "none", the new schema holds null — the legacy day is missing: a null or missing status is stored as none (the plan: status || "none").');
    expect(texts).toContain('Row #2 must migrate by the mapping rules; the new schema has no copy of it.');
  });

  it('accounting problems without a legacy id are still said', () => {
    const r = failed({ failure: { message: 'm', details: { problems: [{ problem: 'counts', expected: 3, actual: { migrated: 1, quarantined: 1 } }] } } });
    expect(explainFailure(r).reasons).toEqual([{ text: 'counts — {"expected":3,"actual":{"migrated":1,"quarantined":1}}.' }]);
  });

  it('warnings: which one, and the rule that gives it', () => {
    const r = failed({ failure: { message: 'm', details: { problems: [{ legacy_id: 4, problem: 'warning_missing', code: 'week_period_mismatch', detail: null }] } } });
    expect(explainFailure(r).reasons[0]!.text).toMatch(/^Row #4 should carry the warning week_period_mismatch — week_period is null or does not match/);
  });

  it('a stall over the bound: the step, the wait, and the bound', () => {
    const texts = explainFailure(stallOverResult()).reasons.map((x) => x.text);
    expect(texts[0]).toMatch(/^Step "phase-3 up rename-legacy" made an app write wait 1\.5 s; a step may make writes wait at most HV_MAX_STALL_MS plus the slowest write with no step running \(90 ms\)\.$/);
  });

  it('an ERROR says what could not be checked and why, and concludes nothing', () => {
    const e = explainFailure(failingReport().results[4]!);
    expect(e.headline).toBe('Could not be checked: checks rollback/phase-0');
    expect(e.rule).toMatch(/^Why: Could not connect to .*ECONNREFUSED\. Nothing is concluded about the migration\.$/);
  });
});

describe('quarantine rules in words', () => {
  it('every reason of the mapping rules has its rule in words', () => {
    expect(Object.keys(QUARANTINE_RULES).sort()).toEqual([...QUARANTINE_REASONS].sort());
  });

  it('facts about a row, as the oracle measures them', () => {
    expect(rowFact('child_name_length', row({ child_name: '' }))).toBe('the child name is empty; at least 1 character migrates');
    expect(rowFact('status_unknown', row({ habits: [{ name: 'x', times: ['green', 'blue'] }] }))).toBe('habit 1 ("x"), Tue, is "blue"');
    expect(rowFact('times_too_long', row({ habits: [{ name: 'x', times: Array(9).fill('green') }] }))).toBe('habit 1 ("x") has 9 days');
    expect(rowFact('owner_unknown', row({}), [], [])).toBe(`its owner ${OWNER} is not an account in auth.users`);
    expect(rowFact('duplicate_week', row({ id: 5 }), [row({ id: 2 }), row({ id: 5 })])).toBe('row #2 has the same owner, child and week and a lower id');
    expect(rowFact('habits_not_array', row({ habits: { a: 1 } }))).toBe('habits is an object');
  });
});
