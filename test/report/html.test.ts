import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { failingReport, KOREAN_NAME, passingReport, XSS_NAME } from './fixtures.ts';

describe('renderHtml', () => {
  it('passing: self-contained page with a PASS badge and no failure section', () => {
    const html = renderHtml(passingReport());
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
    expect(html).toContain('data-gate="phase-0" data-verdict="PASS"');
    expect(html).not.toContain('id="failures"');
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|src=["']?https?:|href=["']?https?:|@import/i);
    for (const section of ['quarantine', 'drift', 'stalls', 'kill-matrix']) expect(html).not.toContain(`id="${section}"`);
  });

  it('escapes every text: a child named <script>alert(1)</script> stays text', () => {
    const html = renderHtml(failingReport());
    expect(html).not.toContain(XSS_NAME);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('failing: FAIL badges, the failure with replay command, legacy rows, habits grid and red differences', () => {
    const html = renderHtml(failingReport());
    expect(html).toContain('data-gate="phase-0" data-verdict="FAIL"');
    expect(html).toContain('data-gate="rollback" data-verdict="ERROR"');
    expect(html).toContain('id="failure-phase-0-round-trip"');
    expect(html).toContain('<pre class="replay"><code>npx habit-verify replay phase-0/round-trip --seed 7 --path 3:1:0</code></pre>');
    expect(html).toContain(KOREAN_NAME);
    expect(html).toContain('<th>Mon</th><th>Tue</th><th>Wed</th><th>Thu</th><th>Fri</th><th>Sat</th><th>Sun</th>');
    // habits[0].times[3] differs: the Thursday cell is red and says what the new schema holds
    expect(html).toContain('<td class="s-none differs" title="new schema holds &quot;red&quot;">none<span class="new-value">new: &quot;red&quot;</span></td>');
    expect(html).toMatch(/<tr><th>theme<\/th><td class="differs"[^>]*>&quot;바다&quot;/);
    expect(html).toContain('<td class="s-missing differs"'); // a day absent from a short times array
    expect(html).toContain('missing from the new schema');
    expect(html).toContain('<span class="differs">neither</span>'); // accounting problem
    expect(html).toContain('needs a server that allows SET TIME ZONE');
  });

  it('renders quarantine, drift, the stall chart and the kill matrix when present', () => {
    const html = renderHtml(failingReport());
    expect(html).toContain('<section id="quarantine">');
    expect(html).toContain('<code>habits_not_array</code>');
    expect(html).toContain('<section id="drift">');
    expect(html).toMatch(/<svg class="chart"[^>]*>.*validate constraints.*2 error\(s\)/s);
    expect(html).toContain('<section id="kill-matrix">');
    expect(html).toContain('<span class="survived">NO — survived</span>');
    expect(html).toMatch(/<td class="killed" title="child-identity-by-name × phase-0\/round-trip: caught \(expected to catch\)">✔<\/td>/);
    expect(html).toMatch(/<td class="notkilled" title="drift-habits-only × phase-0\/round-trip: not caught">✘<\/td>/);
  });

  it('is deterministic', () => {
    expect(renderHtml(failingReport())).toBe(renderHtml(failingReport()));
  });
});
