import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRunReport } from '../../src/report/write-run-report.ts';
import { countsText, runSummary } from '../../src/report/gates.ts';
import type { RunReport } from '../../src/runner/result.ts';
import { cli } from '../cli/support.ts';
import { emojiQuarantineResult, EMOJI_NAME_AT_LIMIT, failingReport, KOREAN_NAME, passingReport, XSS_NAME } from './fixtures.ts';
import { findAll, parseXml } from './xml-well-formed.ts';

/**
 * index.html in a real browser (Debian's chromium, driven by playwright-core): it renders, logs no
 * console error, shows the badges, and shows the failure section only for a failing run; a Korean
 * name with emoji is drawn with real glyphs (fonts-nanum, fonts-noto-color-emoji), not replacement
 * boxes; and a real gate run, run twice, reads as a reviewer needs it.
 * HV_NO_BROWSER=1 skips it; otherwise a missing chromium or font is a failure, not a skip.
 */
const CHROMIUM = '/usr/bin/chromium';
const skip = process.env.HV_NO_BROWSER === '1';

describe.skipIf(skip)('index.html in chromium', () => {
  let root: string;
  let profile: string;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium); set HV_NO_BROWSER=1 to skip this test`);
    }
    root = await mkdtemp(join(tmpdir(), 'hv-html-'));
    profile = await mkdtemp(join(tmpdir(), 'hv-chromium-profile-'));
    // A persistent context on a fresh, empty profile directory (chromium.launch makes its own too).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function open(report: ReturnType<typeof passingReport>) {
    const { dir } = await writeRunReport(report, { reportsRoot: root });
    return openFile(join(dir, 'index.html'));
  }

  async function openFile(file: string) {
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems, requests };
  }

  it('a passing run: PASS badge visible, no failure section, no console error', async () => {
    const { page, problems, requests } = await open(passingReport());
    await expect(page.locator('.gate[data-verdict="PASS"] .badge').first().isVisible()).resolves.toBe(true);
    expect(await page.locator('.gate .badge').first().textContent()).toBe('PASS');
    expect(await page.locator('#failures').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('a failing run: FAIL badges, the failure section with the counterexample, Korean and <script> shown as text', async () => {
    const { page, problems, requests } = await open(failingReport());
    expect(await page.locator('.gate[data-verdict="FAIL"] .badge').count()).toBe(1);
    expect(await page.locator('.gate[data-verdict="ERROR"] .badge').count()).toBe(1);
    expect(await page.locator('.gate[data-verdict="FAIL"] .badge').first().isVisible()).toBe(true);
    expect(await page.locator('#failures').isVisible()).toBe(true);
    const failure = page.locator('#failure-phase-0-round-trip');
    expect(await failure.isVisible()).toBe(true);
    const text = (await failure.innerText()) ?? '';
    expect(text).toContain(XSS_NAME); // shown as text …
    expect(await page.locator('script').count()).toBe(0); // … never as an element
    expect(text).toContain(KOREAN_NAME);
    expect(await failure.locator('td.differs').count()).toBeGreaterThan(0);
    expect(await page.locator('#stalls table.stall-top').isVisible()).toBe(true);
    expect(await page.locator('#kill-matrix table').isVisible()).toBe(true);
    expect(await page.evaluate('document.characterSet')).toBe('UTF-8');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: '/tmp/report.png', fullPage: true });
    await page.close();
  });
  it('a Korean name with emoji is drawn with real glyphs: every emoji by a color emoji font, the Hangul by a font that has it', async () => {
    const missing = ['Noto Color Emoji', 'NanumGothic'].filter((f) => !fontconfig(`${f}`).length);
    if (missing.length) throw new Error(`font(s) ${missing.join(', ')} missing: .ci/run installs them (apt-get install -y fonts-noto-color-emoji fonts-nanum)`);
    const report = failingReport();
    report.results[0] = emojiQuarantineResult();
    const { page, problems } = await open(report);
    const selector = '#failure-phase-2-read-equivalence .legacy tr[data-field="child_name"] td';
    const cell = page.locator(selector).first();
    expect(await cell.textContent()).toBe(JSON.stringify(EMOJI_NAME_AT_LIMIT));
    const fonts = await platformFonts(page, selector);
    const chars = [...JSON.stringify(EMOJI_NAME_AT_LIMIT)];
    const emoji = chars.filter((c) => /\p{Extended_Pictographic}/u.test(c)).length;
    const ascii = chars.filter((c) => c.codePointAt(0)! < 0x80).length;
    // A character no font has is drawn as the box of the first font and counted under that font: so
    // the emoji must all come from a color emoji font, and a font without Hangul may draw no more
    // glyphs than there are ASCII characters (the quotes).
    const hangulFonts = new Set(fontconfig(':charset=bbfc'));
    const glyphs = (keep: (family: string) => boolean) => fonts.filter((f) => keep(f.familyName)).reduce((a, f) => a + f.glyphCount, 0);
    expect(glyphs(() => true), JSON.stringify(fonts)).toBe(chars.length);
    expect(glyphs((f) => /emoji/i.test(f))).toBe(emoji);
    expect(glyphs((f) => !/emoji/i.test(f) && !hangulFonts.has(f)), JSON.stringify(fonts)).toBeLessThanOrEqual(ascii);
    await cell.screenshot({ path: join(root, 'korean-emoji-name.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
  // A real gate run, twice into one report directory, read as a reviewer reads it: the first run at
  // one case per property passes; the second, at the default budget, finds the deliberately broken
  // variant's bug. Two properties only: one that fails in words, one that measures stalls (~40 s).
  it('a real gate run, read as a reviewer would: what changed first, the failure in words, the stall table, the counts of run.json', async () => {
    const reports = join(root, 'real');
    // seed 2: its first case has no unknown status (accounting draws half its cases with every anomaly;
    // at seed 1 the first one already kills the variant), its fourth has one
    const args = ['gate', 'all', '--only', 'phase-0/accounting', 'phase-3/zero-downtime', '--seed', '2', '--defect', 'coerce-unknown-status', '--no-save-regressions', '--report-dir', reports];
    const first = await cli([...args, '--runs', '1'], { TMPDIR: process.env.TMPDIR ?? tmpdir() });
    expect(first.code, first.stderr).toBe(0);
    const second = await cli(args, { TMPDIR: process.env.TMPDIR ?? tmpdir() });
    expect(second.code, second.stderr).toBe(1);
    const firstRun = JSON.parse(await readFile(join(reports, /report: (.*)\/index\.html/.exec(first.stderr)![1]!.split('/').at(-1)!, 'run.json'), 'utf8')) as RunReport;
    const dir = join(reports, 'latest');
    const run = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as RunReport & { summary: ReturnType<typeof runSummary> };
    const { page, problems, requests } = await openFile(join(dir, 'index.html'));
    await page.setViewportSize({ width: 1400, height: 900 });

    // 1. What changed since the last run: the first entry of the contents and the first section.
    expect(await page.locator('nav.toc li').first().innerText()).toBe('Since the last run');
    expect(await page.locator('main > section').first().getAttribute('id')).toBe('since-last-run');
    const changes = await page.locator('#since-last-run').innerText();
    expect(changes).toContain(firstRun.runId);
    expect(await page.locator('#since-last-run table.changes tr:has(td code:text-is("phase-0/accounting"))').first().innerText()).toMatch(/passed\s+FAILED/);

    // 2. The failure says what went wrong in words, at the top and beside the row.
    const reason = /^Row #\d+ was migrated, but the rules quarantine it as status_unknown: habit \d+ \(.*\), \w{3}, is ".*" \(a status is green, yellow, red or none, in any letter case\)\.$/;
    expect(await page.locator('#failure-phase-0-accounting .why ul.reasons li').first().innerText()).toMatch(reason);
    expect(await page.locator('#failure-phase-0-accounting .compare .new ul.reasons li').first().innerText()).toMatch(reason);
    expect(await page.locator('#failure-phase-0-accounting details.raw').getAttribute('open')).toBeNull(); // raw JSON folded

    // 3. Stalls answer first: a short table of the longest waits, each against its limit, full step names.
    expect(await page.locator('#stalls .answer').innerText()).toMatch(/^(Every step stayed under its limit\.|\d+ step\(s\) over the limit\.) The longest wait: .* made an app write wait \d+ ms; the limit was \d+ ms\.$/);
    const rows = page.locator('#stalls table.stall-top tr:has(td)');
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(8);
    const steps = new Set(run.results.flatMap((r) => r.stalls ?? []).map((f) => f.step));
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      expect(steps.has(await row.locator('td.step').innerText())).toBe(true);
      expect(await row.innerText()).toMatch(/\b(under|OVER)\b/);
      expect(await row.locator('.limit-line').count()).toBe(1);
    }
    expect(await page.locator('#stalls details.all-steps').getAttribute('open')).toBeNull();

    // 4. One count everywhere: cards, gate tables, totals, JUnit and the console agree with run.json.
    for (const g of run.summary.gates) {
      const card = page.locator(`.gate[data-gate="${g.gate}"]`);
      expect(await card.locator('.counts').innerText()).toBe(`${g.counts.total} check${g.counts.total === 1 ? '' : 's'}: ${countsText(g.counts)}`);
      expect(await page.locator(`table.properties[data-gate="${g.gate}"] tr[data-property]`).count()).toBe(g.counts.total);
    }
    expect(await page.locator('p.totals').getAttribute('data-total')).toBe(String(run.results.length));
    const junit = parseXml(await readFile(join(dir, 'junit.xml'), 'utf8'));
    expect(findAll(junit, 'testcase')).toHaveLength(run.results.length);
    expect(second.stderr).toContain(`${run.results.length} properties: ${countsText(run.summary.counts)}`);

    await page.screenshot({ path: join(root, 'real-run.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 240_000);
});

/** Font families fontconfig lists for a pattern (`Noto Color Emoji`, `:charset=bbfc`). */
function fontconfig(pattern: string): string[] {
  try {
    return execFileSync('fc-list', [pattern, 'family'], { encoding: 'utf8' }).split('\n').flatMap((l) => l.split(',')).map((f) => f.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

/** The fonts Chromium drew the first matching node's text with, and how many glyphs each (CSS.getPlatformFontsForNode). */
async function platformFonts(page: Page, selector: string): Promise<Array<{ familyName: string; glyphCount: number }>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}
