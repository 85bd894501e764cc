import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { emojiQuarantineResult, failingReport, passingReport, XSS_NAME } from './fixtures.ts';
import { compareRuns } from '../../src/report/run-changes.ts';

describe('renderMarkdown', () => {
  it('passing: verdict per gate and a table row per property, no failure section', () => {
    const md = renderMarkdown(passingReport());
    expect(md).toContain('- **phase-0: ✅ PASS** — 2 passed, 0 failed');
    expect(md).toContain('| property | verdict | cases | seed | time |');
    expect(md).toContain('| phase-0/round-trip | ✅ passed | 100 | 42 | 1.2 s |');
    expect(md).not.toContain('### Failures');
    expect(md).not.toContain('### Skipped');
  });

  it('failing: message, replay command in a code block, counterexample rows and diffs', () => {
    const md = renderMarkdown(failingReport());
    expect(md).toContain('## habit-verify: ❌ FAIL');
    expect(md).toContain('- **rollback: ⚠️ ERROR (could not check)**');
    expect(md).toContain('#### ❌ phase-0/round-trip');
    expect(md).toContain('```sh\nnpx habit-verify replay phase-0/round-trip --seed 7 --path 3:1:0\n```');
    expect(md).toContain('| id | user_id | child_name | week_start_date | habits | anomalies |');
    expect(md).toContain('양치하기');
    expect(md).toContain('g y r n · g g');
    expect(md).toContain('"Read \\| 20 min": g g ∅ ∅ ∅ ∅ ∅'); // a pipe in a name does not break the table; missing days show
    expect(md).toContain('| 1 | habits\\[0\\].times\\[3\\] | "none" | **"red"** |');
    expect(md).toContain('| 1 | lost | migrated | **neither** |');
    expect(md).toContain('Case: `{"crashAfterBatch":1}`');
  });

  it('quarantine breakdown, skipped and error notes', () => {
    const md = renderMarkdown(failingReport());
    expect(md).toContain('| habits\\_not\\_array | habits is a list (or null) | 3 | 2 |');
    expect(md).toContain('⏭️ skipped **phase-0/time-zone-independence**: needs a server that allows SET TIME ZONE');
    expect(md).toMatch(/⚠️ error \*\*rollback\/phase-0\*\* — Could not be checked: checks rollback\/phase-0\. Why: Could not connect .*Nothing is concluded about the migration\./);
  });

  it('HTML in data is shown literally, never as markup', () => {
    const md = renderMarkdown(failingReport());
    expect(md).not.toContain(XSS_NAME);
    expect(md).toContain('&lt;script&gt;');
  });

  it('what changed since the last run is the first section (what a pull-request comment shows first)', () => {
    const r = failingReport();
    r.changes = compareRuns(passingReport(), r);
    const md = renderMarkdown(r);
    const sections = [...md.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
    expect(sections[0]).toBe('Since the last run');
    expect(md).toContain('| phase-0/round-trip | ✅ passed | ❌ failed |');
    expect(md).toContain('- **phase-0/round-trip** (before: passed): legacy view differs');
    const first = passingReport();
    first.changes = compareRuns(undefined, first);
    expect(renderMarkdown(first)).toContain('### Since the last run\n\nFirst run of gate phase-0 in this report directory: nothing to compare with yet.');
    const same = passingReport();
    same.changes = compareRuns(passingReport(), same);
    expect(renderMarkdown(same)).toContain('**Nothing changed**');
  });

  it('a failure in words, with the short fixture replay beside the seed line', () => {
    const r = passingReport();
    r.results.push(emojiQuarantineResult());
    const md = renderMarkdown(r);
    expect(md).toContain('- Row \\#1 was quarantined as child\\_name\\_length, but the rules migrate it: the child name has 100 characters (198 UTF-16 units); names of 1 to 100 characters migrate.');
    expect(md).toContain('Or, shorter, from the saved fixture:\n\n```sh\nnpx habit-verify replay phase-2/read-equivalence --fixture fixtures/regressions/');
  });

  it('is deterministic', () => {
    expect(renderMarkdown(failingReport())).toBe(renderMarkdown(failingReport()));
  });
});
