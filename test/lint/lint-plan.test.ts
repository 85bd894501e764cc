/**
 * The lint on the plan itself (../shared/seed/MIGRATION_PLAN_v2.md): every unsafe step it must catch,
 * at the line of the .md where the step is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/lint/finding.ts';
import { lintFiles } from '../../src/lint/lint.ts';
import { PLAN_PATH, PLAN_PRESENT } from './helpers.ts';

/** Lines of MIGRATION_PLAN_v2.md with CREATE INDEX CONCURRENTLY inside Phase 0's BEGIN … COMMIT. */
const CONCURRENT_INDEX_LINES = [210, 238, 239, 240, 252, 253, 270, 271, 272, 287, 288, 307, 308, 309];

describe.runIf(PLAN_PRESENT)('lint of MIGRATION_PLAN_v2.md', () => {
  let result: LintResult;
  const at = (rule: string): number[] => result.findings.filter((f) => f.rule === rule).map((f) => f.line);

  beforeAll(async () => {
    result = await lintFiles([PLAN_PATH]);
  });

  it('runs cleanly (squawk available, file read)', () => {
    expect(result.errors).toEqual([]);
    expect(result.files).toEqual([PLAN_PATH]);
  });

  it.each([
    ['set-unlogged', [914]],
    ['vacuum-full', [929]],
    ['on-conflict-deferrable', [828]],
    ['trigger-events-ignored', [837]],
    ['whole-table-update', [915]],
    ['deferrable-unique', [235, 264]],
    ['drop-cascade', [926, 991, 992, 993, 994]],
    ['not-valid-on-new-table', [206, 228, 231, 267, 304]],
    // Phase 0's shadow tables, created "RLS OFF" (and the `weeks_new (...)` sketch at 101)
    ['rls-disabled-in-public', [101, 195, 213, 243, 256, 275, 291]],
    // no view, and the one function (sync_to_new_schema) is an invoker trigger function
    ['security-definer-view', []],
    ['function-search-path-mutable', []],
    ['security-definer-function-executable', []],
    ['materialized-view-in-api', []],
    ['rls-policy-always-true', []],
    ['invoker-function-executable', []],
  ])('own rule %s at lines %j', (rule, lines) => {
    expect(at(rule)).toEqual(lines);
    expect(result.findings.filter((f) => f.rule === rule).every((f) => f.source === 'ours')).toBe(true);
  });

  it('severities: what Postgres rejects, loses data, locks everything or opens data to the anon key is an error', () => {
    const severityOf = (rule: string) => new Set(result.findings.filter((f) => f.rule === rule).map((f) => f.severity));
    for (const rule of ['set-unlogged', 'vacuum-full', 'on-conflict-deferrable', 'trigger-events-ignored', 'rls-disabled-in-public']) {
      expect(severityOf(rule)).toEqual(new Set(['error']));
    }
    expect(severityOf('whole-table-update')).toEqual(new Set(['warning']));
  });

  it("squawk's findings: CONCURRENTLY inside BEGIN … COMMIT (as error), drops, rename, the (...) placeholder", () => {
    expect(at('ban-concurrent-index-creation-in-transaction')).toEqual(CONCURRENT_INDEX_LINES);
    expect(
      result.findings
        .filter((f) => f.rule === 'ban-concurrent-index-creation-in-transaction')
        .every((f) => f.severity === 'error' && f.source === 'squawk'),
    ).toBe(true);
    expect(at('ban-drop-table')).toEqual([133, 926, 991, 992, 993, 994]);
    expect(at('renaming-table')).toEqual([921]);
    expect(at('syntax-error')).toContain(101); // `CREATE TABLE weeks_new (...);`
    expect(at('prefer-bigint-over-int')).toEqual([248]);
  });

  it('the trigger finding explains which events are dropped', () => {
    const f = result.findings.find((x) => x.rule === 'trigger-events-ignored');
    expect(f?.message).toContain('sync_to_new_schema()');
    expect(f?.message).toContain('UPDATE does nothing');
  });

  it('findings are sorted by file, line, rule', () => {
    const keys = result.findings.map((f) => [f.line, f.rule] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
  });
});

// Says why in the test list when the plan is absent (CI checks out shared/ beside the clone).
it.skipIf(PLAN_PRESENT)(`lint of MIGRATION_PLAN_v2.md skipped: the plan is not at ${PLAN_PATH}`, () => {});
