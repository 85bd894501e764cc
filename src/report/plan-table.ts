/**
 * The README's "The plan as written" section, from a run of every property on the plan's port
 * (`gate all --impl plan-v2 … --json`, or a run directory's run.json): one row per property — its
 * verdict, what its smallest counterexample shows (one sentence, from the failure), the plan line it
 * exposes, and what it checks of the plan (plan-references.ts). Pure: same run in, same text out.
 */
import type { PropertyResult, RunReport } from '../runner/result.ts';
import { PHASE_IDS } from '../contract/phase.ts';
import { planV2 } from '../plan-v2/implementation.ts';
import { md } from './markdown.ts';
import { PROPERTY_PLAN_REFERENCES, stepPlanReference } from './plan-references.ts';

export const PLAN_SECTION_HEADING = '## The plan as written';

/** How to make the run and regenerate the section (printed in it). */
export const PLAN_TABLE_COMMANDS = [
  'npx habit-verify gate all --impl plan-v2 --seed 1 --no-save-regressions --json > plan-v2-run.json',
  'npx habit-verify plan-table plan-v2-run.json --readme README.md',
];

export function renderPlanTable(report: RunReport): string {
  const count = (v: PropertyResult['verdict']) => report.results.filter((r) => r.verdict === v).length;
  const out = [
    PLAN_SECTION_HEADING,
    '',
    "The seed plan's code, ported faithfully — defects included — as a second implementation, `plan-v2`",
    "(`src/plan-v2/`: the plan's SQL verbatim, its JavaScript line for line on a translation of the",
    'supabase-js calls it makes; each file says what it decides where the plan is silent), and checked by',
    'every property. A part the plan does not have fails the property that needs it (`NotProvidedError`).',
    'A property stops at the first defect of the plan it meets: "plan line it exposes" is that one, "what',
    'the property checks of the plan" what lies behind it. Generated from a run; to regenerate:',
    '',
    '```sh',
    ...PLAN_TABLE_COMMANDS,
    '```',
    '',
    `\`${report.command.replace(/`/g, 'ˋ')}\` (seed ${report.seed}, ${md(report.provider)}): ` +
      `**${count('failed')} failed**, ${count('error')} error(s), ${count('passed')} passed${count('skipped') ? `, ${count('skipped')} skipped` : ''}.`,
    '',
    '| property | verdict | what the smallest counterexample shows | plan line it exposes | what the property checks of the plan |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of report.results) {
    const checks = PROPERTY_PLAN_REFERENCES[r.property] ?? '(no reference: add one to src/report/plan-references.ts)';
    out.push(`| \`${r.property}\` | ${VERDICT[r.verdict]} | ${shows(r)} | ${cell(exposes(r) ?? '—')} | ${cell(checks)} |`);
  }
  return `${out.join('\n')}\n`;
}

const VERDICT: Record<PropertyResult['verdict'], string> = { passed: 'PASS', failed: '**FAIL**', error: 'ERROR', skipped: 'skipped' };

const STEP_FAILURE = /step (\S+) \((up|down)\) failed: (.*?)(?: \(SQLSTATE (\w+)\))?$/s;

/** One sentence: what the failure (or the verdict) says. Table-safe Markdown. */
export function shows(r: PropertyResult): string {
  if (r.verdict === 'passed') return `held on ${r.runs} case(s)`;
  if (r.verdict === 'skipped') return `not run: ${md(r.note ?? '')}`;
  const message = r.failure?.message ?? r.note ?? '';
  if (r.verdict === 'error') return `could not check (the harness, not the plan): ${md(message)}`;
  const rows = r.dataset?.rows.length;
  const when = r.note?.includes('could not be set up') ? 'Before any data' : rows === 0 ? 'With an empty legacy table' : rows ? `With ${rows} legacy row(s)` : 'On the smallest case';
  const step = STEP_FAILURE.exec(message);
  if (step) {
    const [, name, direction, error, code] = step;
    const verb = direction === 'down' ? `rolling back ${phaseOf(name!)}` : stageOf(name!);
    return `${when}, ${verb} fails at its step \`${name}\`: ${md(error!)}${code ? ` (${code})` : ''}.`;
  }
  const share = shareProblems(r);
  if (share) return `${share}.`;
  return `${when}: ${md(message.replace(/^[A-Za-z]*[Ee]rror: /, ''))}.`;
}

/** The plan line a failure exposes: the step it names, else what the property checks. */
export function exposes(r: PropertyResult): string | undefined {
  if (r.verdict !== 'failed') return undefined;
  const step = STEP_FAILURE.exec(r.failure?.message ?? '');
  return (step && stepPlanReference(step[1]!)) ?? PROPERTY_PLAN_REFERENCES[r.property];
}

function phaseOf(step: string): string {
  const id = PHASE_IDS.find((p) => [...planV2.phases[p].steps, ...planV2.phases[p].completeSteps].some((s) => s.name === step));
  return id ? `Phase ${id.slice(-1)}` : 'a phase';
}

function stageOf(step: string): string {
  const id = PHASE_IDS.find((p) => planV2.phases[p].completeSteps.some((s) => s.name === step));
  if (id) return `completing Phase ${id.slice(-1)}`;
  return step === 'day-8-rename' ? "Phase 3's rename" : `applying ${phaseOf(step)}`;
}

/** The router's share problems: "the new schema serves q % of n users at p %, …". */
function shareProblems(r: PropertyResult): string | undefined {
  const problems = (r.failure?.details as { problems?: Array<Record<string, unknown>> } | undefined)?.problems ?? [];
  const share = problems.filter((p) => p.problem === 'share');
  if (share.length === 0 || share.length !== problems.length) return undefined;
  const pct = (x: unknown) => `${Math.round(Number(x) * 10_000) / 100} %`;
  const at = share.map((p) => `${p.percentage} %`);
  const observed = [...new Set(share.map((p) => pct(p.observed)))];
  const list = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : xs[0]!);
  return observed.length === 1
    ? `With the flag on, the new schema serves ${observed[0]} of ${share[0]!.users} users at ${list(at)}`
    : `The share of ${share[0]!.users} users on the new schema is wrong: ${list(share.map((p) => `${pct(p.observed)} at ${p.percentage} %`))}`;
}

/** A table cell of trusted text (the references): only the pipe needs escaping. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/**
 * The README with its "The plan as written" section replaced by `section` (up to the next `## `
 * heading outside a code fence), or inserted before "## The defect catalogue" (else at the end).
 */
export function replaceReadmeSection(readme: string, section: string): string {
  const lines = readme.split('\n');
  const headingAt = (heading: string, from = 0) => {
    let fenced = false;
    for (let i = from; i < lines.length; i++) {
      if (lines[i]!.startsWith('```')) fenced = !fenced;
      if (!fenced && (heading === '## ' ? lines[i]!.startsWith(heading) : lines[i] === heading)) return i;
    }
    return -1;
  };
  const body = section.replace(/\n+$/, '').split('\n');
  const start = headingAt(PLAN_SECTION_HEADING);
  if (start >= 0) {
    const next = headingAt('## ', start + 1);
    const end = next >= 0 ? next : lines.length;
    return [...lines.slice(0, start), ...body, ...(next >= 0 ? [''] : []), ...lines.slice(end)].join('\n');
  }
  const before = headingAt('## The defect catalogue');
  if (before < 0) return `${readme.replace(/\n*$/, '\n\n')}${body.join('\n')}\n`;
  return [...lines.slice(0, before), ...body, '', ...lines.slice(before)].join('\n');
}
