import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { emojiQuarantineResult, failingReport, KOREAN_NAME, passingReport, XSS_NAME } from './fixtures.ts';
import { compareRuns } from '../../src/report/run-changes.ts';
import { REPORT_SECTIONS } from '../../src/report/sections.ts';

describe('renderHtml', () => {
  it('passing: self-contained page with a PASS badge and no failure section', () => {
    const html = renderHtml(passingReport());
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
    expect(html).toContain('data-gate="phase-0" data-verdict="PASS"');
    expect(html).not.toContain('id="failures"');
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|src=["']?https?:|href=["']?https?:|@import/i);
    for (const section of ['since-last-run', 'quarantine', 'drift', 'stalls', 'kill-matrix']) expect(html).not.toContain(`id="${section}"`);
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
    expect(html).toMatch(/<tr data-field="theme"><th>theme<\/th><td class="differs"[^>]*>&quot;바다&quot;/);
    expect(html).toContain('<td class="s-missing differs"'); // a day absent from a short times array
    expect(html).toContain('missing from the new schema');
    expect(html).toContain('<span class="differs">neither</span>'); // accounting problem
    expect(html).toContain('needs a server that allows SET TIME ZONE');
  });

  it('renders quarantine, drift, the stall table and the kill matrix when present', () => {
    const html = renderHtml(failingReport());
    expect(html).toContain('<section id="quarantine">');
    expect(html).toContain('<code>habits_not_array</code>');
    expect(html).toContain('<section id="drift">');
    expect(html).toContain('<section id="stalls">');
    expect(html).toMatch(/<p class="answer"><span class="under">Every step stayed under its limit\.<\/span> The longest wait: <b>validate constraints<\/b> made an app write wait <b>900 ms<\/b>; the limit was 1000 ms\.<\/p>/);
    expect(html).toMatch(/<table class="stall-top">.*validate constraints.*<div class="limit-line"/s);
    expect(html).toContain('<section id="kill-matrix">');
    expect(html).toContain('<span class="survived">NO — survived</span>');
    expect(html).toMatch(/<td class="killed" title="child-identity-by-name × phase-0\/round-trip: caught \(expected to catch\)">✔<\/td>/);
    expect(html).toMatch(/<td class="notkilled" title="drift-habits-only × phase-0\/round-trip: not caught">✘<\/td>/);
  });

  it('a table of contents of the sections that have something to show, each linkable, in the registry order', () => {
    const r = failingReport();
    r.changes = compareRuns(passingReport(), r);
    const html = renderHtml(r);
    const toc = /<nav class="toc"[^>]*>(.*?)<\/nav>/s.exec(html)![1]!;
    const ids = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(REPORT_SECTIONS.map((s) => s.id).filter((id) => html.includes(`<section id="${id}">`)));
    expect(ids).toEqual(['since-last-run', 'failures', 'not-run', 'checks', 'stalls', 'quarantine', 'drift', 'kill-matrix']);
    // the first section of the page is what changed
    expect(html.indexOf('<section id="since-last-run">')).toBeLessThan(html.indexOf('<section id="failures">'));
    expect(html).toContain('<h3>Verdicts that changed</h3>');
    const passing = renderHtml(passingReport());
    expect([...(/<nav class="toc"[^>]*>(.*?)<\/nav>/s.exec(passing)![1]!).matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(['checks']);
  });

  it('a failure says what went wrong in words next to the data; the raw JSON is folded', () => {
    const r = failingReport();
    r.results[0] = emojiQuarantineResult();
    const html = renderHtml(r);
    const article = /<article class="failure" id="failure-phase-2-read-equivalence">.*?<\/article>/s.exec(html)![0];
    expect(article).toContain('<li>Row #1 was quarantined as child_name_length, but the rules migrate it: the child name has 100 characters (198 UTF-16 units); names of 1 to 100 characters migrate.</li>');
    expect(article).not.toContain('No difference reported');
    expect(article).toMatch(/<div class="new"><h5>What went wrong, and the new schema<\/h5>\n<ul class="reasons"><li>Row #1 was quarantined/);
    expect(article).toContain('<pre class="replay fixture"><code>npx habit-verify replay phase-2/read-equivalence --fixture fixtures/regressions/phase-2--read-equivalence--emoji-on-a-name-at-the-limit-5d5a5e2c29.json</code></pre>');
    expect(article).toMatch(/<details class="raw"><summary>Raw details \(JSON, as in run\.json\)<\/summary>\n<pre>\{\n  &quot;problems&quot;/);
  });

  it('an ERROR says what could not be checked and why', () => {
    const html = renderHtml(failingReport());
    expect(html).toMatch(/<article class="not-checked" id="error-rollback-phase-0">.*Could not be checked: checks rollback\/phase-0.*Why: Could not connect/s);
  });

  it('cards, gate headings and totals give the same counts', () => {
    const html = renderHtml(failingReport());
    expect(html).toContain('data-gate="phase-0" data-verdict="FAIL" data-total="4"');
    expect(html).toContain('<span class="counts">4 checks: 1 passed, 2 failed, 1 skipped</span></h3>');
    expect(html).toContain('<p class="totals" data-total="5">5 checks in all: 1 passed, 2 failed, 1 could not be checked, 1 skipped.');
  });

  it('is deterministic', () => {
    expect(renderHtml(failingReport())).toBe(renderHtml(failingReport()));
  });
});
