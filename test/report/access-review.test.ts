import { describe, expect, it } from 'vitest';
import type { AccessEntry } from '../../src/check/access.ts';
import { accessChanges, reviewOf } from '../../src/report/access-review.ts';
import { htmlAccess, mdAccessSummary } from '../../src/report/access-matrix.ts';
import type { AccessRun, MeasuredStep } from '../../src/runner/run-access.ts';

const cell = (role: AccessEntry['role'], object: string, operation: AccessEntry['operation'], allowed: boolean, rows?: number): AccessEntry =>
  ({ role, object, kind: 'table', operation, allowed, ...(rows !== undefined ? { rows } : {}) });

const step = (phase: string, name: string, direction: 'up' | 'down', entries: AccessEntry[], violations: MeasuredStep['violations'] = []): MeasuredStep =>
  ({ phase, step: name, direction, snapshot: { entries, definers: [] }, violations }) as MeasuredStep;

const run: AccessRun = {
  implementation: 'test', regime: 'auto', serverVersion: 17, seed: 1, owner: 'u1',
  steps: [
    step('legacy', 'before phase-0', 'up', [cell('owner', 'habit_tracker', 'SELECT', true, 3), cell('anon', 'habit_tracker', 'SELECT', true, 0)]),
    step('phase-0', 'create-children', 'up', [
      cell('owner', 'habit_tracker', 'SELECT', true, 3), cell('anon', 'habit_tracker', 'SELECT', true, 0),
      cell('anon', 'children', 'SELECT', true, 5), cell('anon', 'children', 'DELETE', false),
    ], [{ kind: 'rows-reached', role: 'anon', object: 'children', operation: 'SELECT', rows: 5, detail: 'anon read 5 rows of children' }]),
    step('phase-0', 'revoke', 'up', [cell('owner', 'habit_tracker', 'SELECT', true, 3), cell('anon', 'children', 'SELECT', false)]),
  ],
};

describe('access review', () => {
  it('keeps per step only what changed, the rows a stranger or anon reached, and the violations', () => {
    const review = reviewOf(run);
    expect(review.steps.map((s) => s.changes)).toEqual([
      [{ role: 'owner', object: 'habit_tracker', operation: 'SELECT', change: 'granted' }, { role: 'anon', object: 'habit_tracker', operation: 'SELECT', change: 'granted' }],
      [{ role: 'anon', object: 'children', operation: 'SELECT', change: 'granted' }],
      [{ role: 'anon', object: 'habit_tracker', operation: 'SELECT', change: 'revoked' }, { role: 'anon', object: 'children', operation: 'SELECT', change: 'revoked' }],
    ]);
    // the owner's own rows are not "reached"; anon's 5 rows of children are
    expect(review.steps.map((s) => s.reached)).toEqual([[], [{ role: 'anon', object: 'children', rows: 5 }], []]);
    expect(review.steps[1]!.violations).toHaveLength(1);
    // the whole matrix only at the end of the way up: allowed cells, every object named
    expect(review.final).toEqual({ objects: ['children', 'habit_tracker'], allowed: [cell('owner', 'habit_tracker', 'SELECT', true, 3)] });
    expect(accessChanges(undefined, run.steps[0]!)).toHaveLength(2);
  });

  it('renders the step beyond the matrix in the HTML and the summary', () => {
    const review = reviewOf(run);
    const html = htmlAccess(review);
    expect(html).toContain('<tr class="beyond"><td>phase-0</td><td><code>create-children</code>');
    expect(html).toContain('anon: 5 row(s) of children');
    expect(mdAccessSummary(review).join('\n')).toMatch(/1 finding\(s\) beyond the access matrix \(3 step boundaries measured, 1 of them beyond the matrix\)\.\n- phase-0 up `create-children`: anon read 5 rows of children/);
  });
});
