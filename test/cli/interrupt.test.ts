import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support.ts';
import { GATES } from '../../properties/index.ts';

/** Interrupted is a verdict too: one line, the report of what ran marked incomplete, 128 + signal. */
describe('gate interrupted by a signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s after the first property: exit %i, one line, an incomplete report of what ran', async (sig, code) => {
    const reports = await mkdtemp(join(tmpdir(), 'hv-int-'));
    try {
      let sent = false;
      const r = await cli(['gate', 'phase-0', '--seed', '1', '--report-dir', reports, '--no-save-regressions'], { HV_RUNS: '60' }, 120_000, (err, child) => {
        // the first property has a verdict: interrupt the second one mid-run
        if (!sent && /^(PASS|FAIL) /m.test(err)) {
          sent = true;
          setTimeout(() => child.kill(sig), 300);
        }
      });
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(new RegExp(`gate phase-0: INTERRUPTED \\(${sig}\\) after 1 of ${GATES['phase-0'].length} properties`));
      expect(r.stderr).not.toMatch(/could not run|could not be checked|ERROR/);
      const [dir] = (await readdir(reports)).filter((d) => d !== 'latest');
      const run = JSON.parse(await readFile(join(reports, dir!, 'run.json'), 'utf8'));
      expect(run.incomplete).toEqual({ signal: sig, completed: 1, total: GATES['phase-0'].length });
      expect(run.results.map((x: { verdict: string }) => x.verdict)).toEqual(['passed', 'skipped']);
      expect(run.results[1].interrupted).toBe(true);
      expect(await readFile(join(reports, dir!, 'summary.md'), 'utf8')).toMatch(/INCOMPLETE/);
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  }, 150_000);
});
