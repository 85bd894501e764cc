import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRunReport } from '../../src/report/write-run-report.ts';
import { failingReport, KOREAN_NAME, passingReport, XSS_NAME } from './fixtures.ts';

/**
 * index.html in a real browser (Debian's chromium, driven by playwright-core): it renders, logs no
 * console error, shows the badges, and shows the failure section only for a failing run.
 * HV_NO_BROWSER=1 skips it; otherwise a missing chromium is a failure, not a skip.
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
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
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
});
