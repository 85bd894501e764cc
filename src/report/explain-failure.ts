/**
 * A failure in words, for QA and security reviewers: what had to hold, and for each piece of data
 * that broke it, what went wrong and the rule — "row #1 was quarantined as child_name_length, but the
 * child name has 100 characters; names of 1 to 100 characters migrate". Every format shows these
 * sentences next to the data; the raw JSON stays available, folded. Pure: reads a result only.
 */
import type { LegacyRow } from '../generate/dataset.ts';
import { NORMALIZATIONS, WARNINGS, type QuarantineReason } from '../migration/mapping-rules.ts';
import type { PropertyResult } from '../runner/result.ts';
import { dayName, failureView, isRecord } from './counterexample.ts';
import { isQuarantineReason, QUARANTINE_RULES, rowFact } from './quarantine-in-words.ts';
import { compactJson, formatDuration } from './text-format.ts';

/** One sentence about the failure; `legacyId` when it is about one legacy row (shown beside that row). */
export interface Reason {
  legacyId?: string;
  text: string;
}

export interface FailureExplanation {
  /** The first line: what went wrong, or for an ERROR what could not be checked. */
  headline: string;
  /** What had to hold (the property's description), or for an ERROR why it could not be checked. */
  rule: string;
  reasons: Reason[];
}

const MAX_REASONS = 40;

export function explainFailure(r: PropertyResult): FailureExplanation {
  const message = r.failure?.message ?? r.note ?? 'no message';
  if (r.verdict === 'error') {
    return {
      headline: `Could not be checked: ${lowerFirst(r.description || r.property)}`,
      rule: `Why: ${sentence(upperFirst(message))} ${r.note && r.note !== message ? `${sentence(upperFirst(r.note))} ` : ''}Nothing is concluded about the migration.`,
      reasons: [],
    };
  }
  if (r.verdict === 'skipped') return { headline: `Not checked: ${r.note ?? 'no reason given'}`, rule: r.description, reasons: [] };
  const v = failureView(r);
  const rows = v.dataset?.rows ?? [];
  const users = v.dataset?.users?.map((u) => u.id);
  const rowOf = (id: unknown) => rows.find((x) => String(x.id) === String(id));
  const reasons: Reason[] = [
    ...v.diffs.map((d) => ({ legacyId: String(d.legacy_id), text: diffInWords(d, rowOf(d.legacy_id), rows, users) })),
    ...rawProblems(r).map((p) => problemInWords(p, rowOf(p.legacy_id), rows, users)),
    ...otherInWords(r),
  ];
  const setup = r.note && !r.counterexample ? `${upperFirst(r.note)}: ` : '';
  return { headline: `${setup}${message}`, rule: `What must hold: ${r.description}`, reasons: reasons.slice(0, MAX_REASONS) };
}

/** The reasons about one legacy row. */
export const reasonsFor = (e: FailureExplanation, legacyId: unknown) => e.reasons.filter((x) => x.legacyId === String(legacyId));

function diffInWords(d: { legacy_id: unknown; field: string; expected: unknown; actual: unknown }, row: LegacyRow | undefined, rows: readonly LegacyRow[], users?: readonly string[]): string {
  const id = `Row #${String(d.legacy_id)}`;
  if (d.field === 'row') {
    const q = quarantinedAs(d.expected);
    if (q) return `${id} was migrated, but the rules quarantine it as ${q}: ${because(q, row, rows, users)}.`;
    if (d.expected === 'migrated') return `${id} must migrate by the mapping rules; the new schema has no copy of it.`;
    if (d.expected === 'no such legacy row') return `The new schema holds a row #${String(d.legacy_id)} that no legacy row has.`;
    return `${id}: should be ${compactJson(d.expected)}, is ${compactJson(d.actual)}.`;
  }
  const where = fieldInWords(d.field, row);
  const rule = fieldRule(d, row);
  return `${id}, ${where}: should read back as ${compactJson(d.expected, 120)}, the new schema holds ${compactJson(d.actual, 120)}${rule ? ` — ${rule}` : ''}.`;
}

interface RawProblem {
  legacy_id?: unknown;
  problem: string;
  expected?: unknown;
  actual?: unknown;
  code?: unknown;
  detail?: unknown;
}

/** Every entry of `details.problems` that names a problem (also those without a legacy id). */
function rawProblems(r: PropertyResult): RawProblem[] {
  const details = r.failure?.details;
  if (!isRecord(details) || !Array.isArray(details.problems)) return [];
  return details.problems.filter((p): p is RawProblem => isRecord(p) && typeof p.problem === 'string');
}

function problemInWords(p: RawProblem, row: LegacyRow | undefined, rows: readonly LegacyRow[], users?: readonly string[]): Reason {
  const legacyId = p.legacy_id === undefined || p.legacy_id === null ? undefined : String(p.legacy_id);
  const id = `Row #${legacyId ?? '?'}`;
  const wanted = quarantinedAs(p.expected);
  const got = quarantinedAs(p.actual);
  let text: string;
  switch (p.problem) {
    case 'unexpected_quarantine':
      text = `${id} was quarantined as ${got ?? '?'}, but the rules migrate it${got ? `: ${because(got, row, rows, users, true)}` : ''}.`;
      break;
    case 'not_quarantined':
      text = `${id} was migrated, but the rules quarantine it as ${wanted ?? '?'}${wanted ? `: ${because(wanted, row, rows, users)}` : ''}.`;
      break;
    case 'wrong_reason':
      text = `${id} was quarantined as ${got ?? '?'}, but the first rule it breaks is ${wanted ?? '?'}${wanted ? `: ${because(wanted, row, rows, users)}` : ''} (reasons are checked in a fixed order; the first that applies is recorded).`;
      break;
    case 'lost':
      text = `${id} is neither migrated nor quarantined: every legacy row must end up in one or the other (${wanted ? `the rules quarantine it as ${wanted}` : 'the rules migrate it'}).`;
      break;
    case 'both':
      text = `${id} is both migrated and quarantined: a row is one or the other, never both.`;
      break;
    case 'warning_missing':
      text = `${id} should carry the warning ${String(p.code)}${p.detail != null ? ` (${compactJson(p.detail, 80)})` : ''} — ${warningRule(p.code)}; none was recorded.`;
      break;
    case 'warning_unexpected':
      text = `${id} carries the warning ${String(p.code)}${p.detail != null ? ` (${compactJson(p.detail, 80)})` : ''}, which the rules do not give it (${warningRule(p.code)}).`;
      break;
    default: {
      const rest = Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'problem' && k !== 'legacy_id'));
      text = `${legacyId ? `${id}: ` : ''}${p.problem}${Object.keys(rest).length ? ` — ${compactJson(rest, 300)}` : ''}.`;
    }
  }
  return legacyId === undefined ? { text } : { legacyId, text };
}

/** Details that are not diffs or problems: stalls over the bound, write errors, differing reads. */
function otherInWords(r: PropertyResult): Reason[] {
  const d = r.failure?.details;
  if (!isRecord(d)) return [];
  const out: Reason[] = [];
  const baseline = typeof d.baselineMaxMs === 'number' ? d.baselineMaxMs : undefined;
  for (const o of Array.isArray(d.over) ? d.over.filter(isRecord) : []) {
    out.push({ text: `Step "${String(o.step)}" made an app write wait ${formatDuration(Number(o.maxMs))}${baseline !== undefined ? `; a step may make writes wait at most HV_MAX_STALL_MS plus the slowest write with no step running (${formatDuration(baseline)})` : ''}.` });
  }
  for (const e of Array.isArray(d.errors) ? d.errors.filter(isRecord) : []) {
    const during = Array.isArray(e.during) && e.during.length ? ` during ${e.during.map((s) => `"${String(s)}"`).join(', ')}` : '';
    out.push({ text: `The app's write ${String(e.op)} failed${during}: ${isRecord(e.error) ? String(e.error.message) : compactJson(e.error)} — the app must keep writing while the migration runs.` });
  }
  for (const x of Array.isArray(d.differences) ? d.differences.filter(isRecord) : []) {
    const at = x.percentage === null || x.percentage === undefined ? 'the new read alone' : `${String(x.percentage)} % on the new schema${x.compare ? ', compare mode on' : ''}`;
    out.push({ text: `User ${String(x.user)} reading ${String(x.read)} (${at}, served by the ${String(x.served)} schema) got ${compactJson(x.got, 160)} where the legacy read gives ${compactJson(x.legacy, 160)}.` });
  }
  return out;
}

/** "the child name has 101 characters; at most 100 migrate" — the row's fact, else the rule itself. */
function because(reason: QuarantineReason, row: LegacyRow | undefined, rows: readonly LegacyRow[], users?: readonly string[], notBreaking = false): string {
  const fact = row ? rowFact(reason, row, rows, users) : undefined;
  const rule = QUARANTINE_RULES[reason];
  if (!fact) return rule;
  // A fact with its own limit ("…; at most 100 migrate") needs no rule beside it.
  if (fact.includes(';')) return fact;
  return notBreaking ? `${rule}, and ${fact}` : `${fact} (${rule})`;
}

function quarantinedAs(v: unknown): QuarantineReason | undefined {
  const m = typeof v === 'string' ? /quarantined \(([a-z_]+)\)/.exec(v) : null;
  return m && isQuarantineReason(m[1]!) ? m[1] : undefined;
}

function fieldInWords(field: string, row: LegacyRow | undefined): string {
  const m = /^habits\[(\d+)\](?:\.(name)|\.times\[(\d+)\])?$/.exec(field);
  if (!m) return field;
  const i = Number(m[1]);
  const h = row && Array.isArray(row.habits) ? (row.habits as unknown[])[i] : undefined;
  const name = isRecord(h) && typeof h.name === 'string' ? ` (${compactJson(h.name, 40)})` : '';
  if (m[2]) return `habit ${i + 1}'s name`;
  if (m[3] !== undefined) return `habit ${i + 1}${name}, ${dayName(Number(m[3]))}`;
  return `habit ${i + 1}${name}`;
}

/** The mapping rule a field follows when it is not copied as is (a normalization), or the as-is rule. */
function fieldRule(d: { field: string; expected: unknown }, row: LegacyRow | undefined): string | undefined {
  const day = /^habits\[(\d+)\]\.times\[(\d+)\]$/.exec(d.field);
  if (day) {
    const h = row && Array.isArray(row.habits) ? (row.habits as unknown[])[Number(day[1])] : undefined;
    const times = isRecord(h) && Array.isArray(h.times) ? h.times : undefined;
    const raw = times?.[Number(day[2])];
    if (!row) return undefined;
    if (raw === null || raw === undefined) return `the legacy day is ${raw === null ? 'null' : 'missing'}: ${NORMALIZATIONS.status_null}`;
    if (typeof raw === 'string' && raw !== d.expected) return `the legacy day is ${compactJson(raw)}: ${NORMALIZATIONS.status_case}`;
    return 'a valid status migrates as it is';
  }
  if (d.field === 'week_period') return NORMALIZATIONS.week_period_recomputed.split('. ')[0];
  if (d.field === 'reflection' && d.expected === null) return NORMALIZATIONS.reflection_null;
  if (d.field === 'child_name' || d.field === 'theme' || d.field === 'reward' || /\.name$/.test(d.field)) return 'text migrates byte for byte';
  if (d.field === 'created_at' || d.field === 'updated_at') return 'timestamps migrate to the microsecond';
  if (/^habits\[\d+\]$/.test(d.field)) return d.expected === null ? 'the new schema has a habit the legacy row does not' : 'every habit migrates, in its order';
  return undefined;
}

function warningRule(code: unknown): string {
  return typeof code === 'string' && Object.hasOwn(WARNINGS, code) ? WARNINGS[code as keyof typeof WARNINGS] : 'a warning the rules do not define';
}

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
