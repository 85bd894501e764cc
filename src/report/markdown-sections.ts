import type { RunReport } from '../runner/result.ts';
import { explainFailure } from './explain-failure.ts';
import { gatesOf } from './gates.ts';
import { figure } from './html-changes.ts';
import { codeSpan, fence, md, verdictText } from './markdown-text.ts';
import { isQuarantineReason, QUARANTINE_RULES } from './quarantine-in-words.ts';
import { driftOf, exampleLegacyId, killMatrixOf, quarantineOf } from './report-sections.ts';
import { nothingChanged } from './run-changes.ts';
import { stallSummary } from './stall-summary.ts';
import { formatDuration } from './text-format.ts';

/** The bodies of summary.md's sections (src/report/sections.ts gives them their headings and order). */

const MAX_DRIFT = 10;
const ms = (x: number) => `${Math.round(x)} ms`;
const TOP_STALLS = 5;

export function mdChanges(report: RunReport): string[] {
  const c = report.changes;
  if (!c) return [];
  const p = c.previous;
  if (!p) return [`First run of gate ${md(report.gates.join(', '))} in this report directory: nothing to compare with yet.`];
  const out = [`Compared with \`${codeSpan(p.runId)}\` (seed ${p.seed}${p.seed !== report.seed ? `; now seed ${report.seed}, so the cases differ` : ''}): was ${md(p.verdict)}.`];
  if (nothingChanged(c)) return [...out, '', '**Nothing changed**: the same verdict for every property, no new counterexample, no figure moved.'];
  if (!c.verdicts.length && !c.newCounterexamples.length) out.push('', 'The same verdict for every property, and no new counterexample.');
  if (c.verdicts.length) {
    out.push('', '| property | before | now |', '| --- | --- | --- |');
    for (const v of c.verdicts) out.push(`| ${md(v.property)} | ${v.before ? verdictText({ verdict: v.before }) : 'not run'} | ${v.after ? verdictText({ verdict: v.after }) : 'not run this time'} |`);
  }
  if (c.newCounterexamples.length) {
    out.push('', 'New counterexamples:');
    for (const n of c.newCounterexamples) out.push(`- **${md(n.property)}** (before: ${md(n.before)}): ${md(n.message)}`);
  }
  if (c.figures.length) {
    out.push('', '| figure | property | before | now |', '| --- | --- | ---: | ---: |');
    for (const f of c.figures) out.push(`| ${md(f.what)} | ${md(f.property ?? '')} | ${figure(f.before, f.unit)} | ${figure(f.after, f.unit)} |`);
  }
  return out;
}

export function mdNotRun(report: RunReport): string[] {
  const out: string[] = [];
  for (const r of report.results.filter((x) => x.verdict === 'skipped' || x.verdict === 'error')) {
    if (r.verdict === 'error') {
      const e = explainFailure(r);
      out.push(`- ${verdictText(r)} **${md(r.property)}** — ${md(e.headline)}. ${md(e.rule)}`);
      if (r.replayCommand) out.push('', fence(r.replayCommand, 'sh', '  '));
    } else out.push(`- ${verdictText(r)} **${md(r.property)}**: ${md(r.note ?? r.failure?.message ?? 'no reason given')}`);
  }
  return out;
}

/** One table row per property, gate by gate (the order and counts of the gate lines above). */
export function mdChecks(report: RunReport): string[] {
  if (report.results.length === 0) return [];
  const out = ['| property | verdict | cases | seed | time |', '| --- | --- | ---: | ---: | ---: |'];
  for (const r of gatesOf(report).flatMap((g) => g.results)) {
    const cases = `${r.runs}${r.shrinks ? ` (+${r.shrinks} shrinks)` : ''}${r.regressionsReplayed ? ` (+${r.regressionsReplayed} saved)` : ''}${r.interrupted ? (r.verdict === 'skipped' ? ' ⏹ interrupted' : ' ⏱ stopped by time budget') : ''}`;
    out.push(`| ${md(r.property)} | ${verdictText(r)} | ${cases} | ${r.seed} | ${formatDuration(r.durationMs)} |`);
  }
  return out;
}

export function mdStalls(report: RunReport): string[] {
  const s = stallSummary(report);
  if (!s || s.ranked.length === 0) return [];
  const over = s.ranked.filter((x) => x.over).length;
  const w = s.ranked[0]!;
  const out = [`${over ? `❌ **${over} step(s) over the limit.**` : '✅ **Every step stayed under its limit.**'} Longest wait: ${md(w.step)}${w.property ? ` (${md(w.property)})` : ''}, ${ms(w.maxMs)}${w.boundMs === undefined ? '' : ` (limit ${ms(w.boundMs)})`}.`, ''];
  out.push('| step | property | worst wait | limit | | slow (p99) |', '| --- | --- | ---: | ---: | --- | ---: |');
  for (const x of s.ranked.slice(0, TOP_STALLS)) {
    out.push(`| ${md(x.step)} | ${md(x.property ?? '')} | ${ms(x.maxMs)} | ${x.boundMs === undefined ? '' : ms(x.boundMs)} | ${x.over ? '**OVER**' : x.boundMs === undefined ? '' : 'under'} | ${ms(x.p99Ms)} |`);
  }
  out.push('', `The limit: HV_MAX_STALL_MS plus the slowest write with no step running in the same run. All ${s.ranked.length} steps: index.html and run.json.`);
  return out;
}

export function mdQuarantine(report: RunReport): string[] {
  const q = quarantineOf(report);
  if (!q) return [];
  if (q.length === 0) return ['No row was quarantined.'];
  const out = ['| reason | rule | count | example legacy ids |', '| --- | --- | ---: | --- |'];
  for (const g of q) out.push(`| ${md(g.reason)} | ${md(isQuarantineReason(g.reason) ? QUARANTINE_RULES[g.reason] : '')} | ${g.count} | ${md(g.examples.map(exampleLegacyId).filter((x) => x !== undefined).slice(0, 10).join(', '))} |`);
  return out;
}

export function mdDrift(report: RunReport): string[] {
  const d = driftOf(report);
  if (!d) return [];
  if (d.length === 0) return ['No drift: the new schema matches legacy.'];
  const out = [`${d.length} difference(s)${d.length > MAX_DRIFT ? ` (first ${MAX_DRIFT}; all in drift.csv)` : ''}:`, ''];
  out.push('| legacy id | child | week | habit | day | field | legacy | new | kind |', '| ---: | --- | --- | ---: | ---: | --- | --- | --- | --- |');
  for (const r of d.slice(0, MAX_DRIFT)) {
    out.push(`| ${r.legacy_id ?? ''} | ${md(r.child ?? '')} | ${md(r.week ?? '')} | ${r.habit_index ?? ''} | ${r.day ?? ''} | ${md(r.field)} | ${md(r.legacy ?? 'null')} | ${md(r.new ?? 'null')} | ${md(r.kind)} |`);
  }
  return out;
}

export function mdKillMatrix(report: RunReport): string[] {
  const k = killMatrixOf(report);
  if (!k || k.length === 0) return [];
  const survivors = k.filter((e) => !e.killed);
  const out = [`${k.length - survivors.length} of ${k.length} defects killed.`, ''];
  out.push('| defect | killed | by | cases to kill | time |', '| --- | --- | --- | ---: | ---: |');
  for (const e of k) out.push(`| ${md(e.id)} | ${e.killed ? '✔' : '✘ **survived**'} | ${md(e.killedBy.join(', '))} | ${e.casesToKill ?? ''} | ${formatDuration(e.ms)} |`);
  return out;
}
