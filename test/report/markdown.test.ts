import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { failingReport, passingReport, XSS_NAME } from './fixtures.ts';

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
    expect(md).toContain('| habits\\_not\\_array | 3 | 2 |');
    expect(md).toContain('⏭️ skipped **phase-0/time-zone-independence**: needs a server that allows SET TIME ZONE');
    expect(md).toMatch(/⚠️ error \*\*rollback\/phase-0\*\*: could not connect/);
  });

  it('HTML in data is shown literally, never as markup', () => {
    const md = renderMarkdown(failingReport());
    expect(md).not.toContain(XSS_NAME);
    expect(md).toContain('&lt;script&gt;');
  });

  it('is deterministic', () => {
    expect(renderMarkdown(failingReport())).toBe(renderMarkdown(failingReport()));
  });
});
