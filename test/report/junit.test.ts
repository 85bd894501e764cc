import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.ts';
import { findAll, parseXml } from './xml-well-formed.ts';
import { failingReport, passingReport, XSS_NAME } from './fixtures.ts';

describe('renderJunit', () => {
  it('passing: one suite per gate, one testcase per property, no failure', () => {
    const root = parseXml(renderJunit(passingReport()));
    expect(root.name).toBe('testsuites');
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures])).toEqual([['phase-0', '2', '0']]);
    const cases = findAll(root, 'testcase');
    expect(cases.map((c) => [c.attrs.name, c.attrs.classname, c.attrs.time])).toEqual([
      ['phase-0/round-trip', 'habit-verify.phase-0', '1.234'],
      ['phase-0/accounting', 'habit-verify.phase-0', '0.800'],
    ]);
    expect(findAll(root, 'failure')).toEqual([]);
  });

  it('failing: failure with message, replay command and counterexample; skipped; error', () => {
    const root = parseXml(renderJunit(failingReport()));
    expect(root.attrs).toMatchObject({ tests: '5', failures: '2', errors: '1', skipped: '1' });
    const [phase0, rollback] = findAll(root, 'testsuite');
    expect(phase0!.attrs).toMatchObject({ name: 'phase-0', tests: '4', failures: '2', skipped: '1' });
    const [roundTrip, resumability, , tz] = findAll(phase0!, 'testcase');
    const failure = roundTrip!.children.find((c) => c.name === 'failure')!;
    expect(failure.attrs.message).toMatch(/^legacy view differs/);
    expect(failure.text).toContain('Replay: npx habit-verify replay phase-0/round-trip --seed 7 --path 3:1:0');
    expect(failure.text).toContain(`child=${JSON.stringify(XSS_NAME)}`);
    expect(failure.text).toContain('#1 habits[0].times[3]: "none" | "red"');
    expect(failure.text).toContain('What must hold: checks phase-0/round-trip\n- Row #1, theme: should read back as "바다", the new schema holds null');
    expect(resumability!.children.find((c) => c.name === 'failure')!.attrs.message).toBe('rows lost after resume');
    expect(tz!.children.map((c) => c.name)).toContain('skipped');
    const error = findAll(rollback!, 'error')[0]!;
    expect(error.attrs.message).toMatch(/could not connect/);
    expect(findAll(rollback!, 'testcase')[0]!.attrs.classname).toBe('habit-verify.rollback');
  });

  it('names are the same for another seed (no seed in a name)', () => {
    const names = (seed: number) => {
      const r = failingReport();
      r.seed = seed;
      r.results = r.results.map((x) => ({ ...x, seed }));
      return findAll(parseXml(renderJunit(r)), 'testcase').map((c) => `${c.attrs.classname} ${c.attrs.name}`);
    };
    expect(names(1)).toEqual(names(99));
    expect(names(1).join()).not.toMatch(/\d{2}/);
  });

  it('stays well-formed with markup, quotes and control characters in the data', () => {
    const r = failingReport();
    r.results[0]!.failure!.message = 'a\u0000b\u001bc <x> & "q" \'a\' ]]> \uD800 end';
    r.results[0]!.property = 'phase-0/<odd> & "name"';
    const root = parseXml(renderJunit(r));
    const tc = findAll(root, 'testcase')[0]!;
    expect(tc.attrs.name).toBe('phase-0/<odd> & "name"');
    expect(tc.children[0]!.attrs.message).toBe('a\\u0000b\\u001bc <x> & "q" \'a\' ]]> \\ud800 end');
  });
});

describe('parseXml (the test helper)', () => {
  it.each(['<a><b></a></b>', '<a>x & y</a>', '<a x=1/>', '<a x="<"/>', '<a></a><b/>', '<a>\u0001</a>', '<a>'])('rejects %s', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
