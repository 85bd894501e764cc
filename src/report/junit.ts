import type { PropertyResult, RunReport } from '../runner/result.ts';
import { counterexampleText } from './counterexample-text.ts';
import { gatesOf } from './gates.ts';
import { explainFailure } from './explain-failure.ts';
import { fixtureReplayCommand } from './replay-lines.ts';
import { xmlAttr, xmlText } from './xml-escape.ts';

/**
 * junit.xml for CI: one `<testsuite>` per gate, one `<testcase>` per property named after the property
 * (`phase-0/round-trip`, classname `habit-verify.phase-0`) so names are stable across runs and seeds;
 * `<failure>` carries the replay command and the compact counterexample, `<skipped/>` and `<error>`
 * the rest.
 */
export function renderJunit(report: RunReport): string {
  const gates = gatesOf(report);
  const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);
  const sum = (f: (r: PropertyResult) => number, rs: readonly PropertyResult[]) => rs.reduce((a, r) => a + f(r), 0);
  const count = (v: PropertyResult['verdict'], rs: readonly PropertyResult[]) => rs.filter((r) => r.verdict === v).length;
  const all = gates.flatMap((g) => g.results);
  const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.exec(report.startedAt)?.[0];

  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="habit-verify" tests="${all.length}" failures="${count('failed', all)}" errors="${count('error', all)}" skipped="${count('skipped', all)}" time="${seconds(sum((r) => r.durationMs, all))}">`,
  ];
  for (const g of gates) {
    out.push(
      `  <testsuite name="${xmlAttr(g.gate)}" tests="${g.results.length}" failures="${g.counts.failed}" errors="${g.counts.error}" skipped="${g.counts.skipped}" time="${seconds(sum((r) => r.durationMs, g.results))}"${stamp ? ` timestamp="${stamp}"` : ''}>`,
      '    <properties>',
      ...[['run_id', report.runId], ['seed', String(report.seed)], ['provider', report.provider], ['command', report.command], ...(report.defect ? [['defect', report.defect]] : [])]
        .map(([k, v]) => `      <property name="${xmlAttr(k!)}" value="${xmlAttr(v!)}"/>`),
      '    </properties>',
    );
    for (const r of g.results) out.push(...testcase(r, g.gate, seconds(r.durationMs)));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function testcase(r: PropertyResult, gate: string, time: string): string[] {
  const open = `    <testcase name="${xmlAttr(r.property)}" classname="${xmlAttr(`habit-verify.${gate}`)}" time="${time}">`;
  const body: string[] = [];
  if (r.verdict === 'failed') {
    const e = explainFailure(r);
    const fixture = fixtureReplayCommand(r);
    const text = [
      r.failure?.message ?? 'failed',
      e.rule,
      ...e.reasons.slice(0, 20).map((x) => `- ${x.text}`),
      ...(r.failedOnRegression ? [`Failed on the saved regression ${r.failedOnRegression}`] : []),
      ...(r.replayCommand ? ['', `Replay: ${r.replayCommand}`] : []),
      ...(fixture && fixture !== r.replayCommand ? [`Replay the saved fixture: ${fixture}`] : []),
      '',
      counterexampleText(r),
    ].join('\n');
    body.push(`      <failure message="${xmlAttr(firstLine(r.failure?.message ?? 'failed'))}" type="property-failed">${xmlText(text)}</failure>`);
  } else if (r.verdict === 'error') {
    const e = explainFailure(r);
    const text = [e.headline, e.rule, r.replayCommand ? `Replay: ${r.replayCommand}` : undefined].filter((x) => x !== undefined).join('\n');
    body.push(`      <error message="${xmlAttr(firstLine(r.note ?? r.failure?.message ?? 'error'))}" type="infrastructure">${xmlText(text)}</error>`);
  } else if (r.verdict === 'skipped') {
    body.push(r.note ? `      <skipped message="${xmlAttr(r.note)}"/>` : '      <skipped/>');
  }
  const facts = [`seed=${r.seed}`, `runs=${r.runs}`, `shrinks=${r.shrinks}`, `regressions_replayed=${r.regressionsReplayed}`,
    ...(r.path ? [`path=${r.path}`] : []), ...(r.defect ? [`defect=${r.defect}`] : []), ...(r.interrupted ? ['interrupted=time budget'] : [])];
  body.push(`      <system-out>${xmlText(facts.join('\n'))}</system-out>`);
  return [open, ...body, '    </testcase>'];
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
