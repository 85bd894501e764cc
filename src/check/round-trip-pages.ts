/**
 * The round-trip and accounting oracles over a whole loaded legacy table, a page of legacy ids at a
 * time: memory holds one page (its legacy rows, their legacy-view and quarantine rows) and the first
 * `maxExamples` diffs and problems, whatever the table's size. duplicate_week is the one rule that
 * needs the whole table (the lowest id of each owner, child name and week among rows that pass every
 * other rule): a first pass writes each row's first reason to a temporary table and Postgres finds the
 * duplicates set-based; the second pass compares page by page (and counts the recorded warnings).
 * Same outcomes as expectedOutcomes.
 */
import type pg from 'pg';
import { inIdRange, type IdRange } from '../contract/id-range.ts';
import type { LegacyRow } from '../contract/legacy-row.ts';
import type { Observation, QuarantineRow } from '../contract/observation.ts';
import type { QuarantineReason } from '../migration/mapping-rules.ts';
import { byImplementation } from '../runner/implementation-failure.ts';
import { canonicalRow, rowReasons, type CanonicalRow, type Outcome } from './canonical.ts';
import { knownUserIds, readLegacyPage } from './read-state.ts';
import { accountingProblems, roundTripDiffs, type AccountingProblem, type FieldDiff } from './round-trip.ts';

export interface RoundTripPages {
  legacyRows: number;
  migratedRows: number;
  quarantinedRows: number;
  quarantineReasons: Record<string, number>;
  roundTripMismatches: number;
  accountingProblems: number;
  /** The first `maxExamples` of each, in legacy id order page by page. */
  diffs: FieldDiff[];
  problems: AccountingProblem[];
  /** Up to three quarantined rows of each reason, the first by legacy id. */
  quarantineExamples: QuarantineRow[];
  /** The recorded warnings (observe.warnings), counted by code. */
  warnings: Record<string, number>;
}

const OUTCOMES = 'hv_check_outcome';

export async function roundTripPages(
  client: pg.ClientBase,
  observe: Pick<Observation, 'legacyView' | 'quarantine' | 'warnings'>,
  opts: { pageRows?: number; maxExamples?: number } = {},
): Promise<RoundTripPages> {
  const pageRows = opts.pageRows ?? 2_000;
  const maxExamples = opts.maxExamples ?? 1_000;
  await client.query(`DROP TABLE IF EXISTS pg_temp.${OUTCOMES}; CREATE TEMPORARY TABLE ${OUTCOMES} (id bigint PRIMARY KEY, reason text, kept bigint)`);
  try {
    for await (const page of legacyPages(client, pageRows)) {
      const users = await knownUserIds(client, page.map((r) => r.user_id));
      await client.query(`INSERT INTO ${OUTCOMES} (id, reason) SELECT * FROM unnest($1::bigint[], $2::text[])`, [
        page.map((r) => r.id),
        page.map((r) => rowReasons(r, users)[0] ?? null),
      ]);
    }
    // As expectedOutcomes keys rows: the exact owner, child name and week_start_date.
    await client.query(
      `UPDATE ${OUTCOMES} o SET reason = 'duplicate_week', kept = d.kept
         FROM (SELECT t.id, first_value(t.id) OVER (PARTITION BY t.user_id, t.child_name, t.week_start_date ORDER BY t.id) AS kept
                 FROM public.habit_tracker t JOIN ${OUTCOMES} r ON r.id = t.id AND r.reason IS NULL) d
        WHERE o.id = d.id AND d.kept <> d.id`,
    );
    const out: RoundTripPages = { legacyRows: 0, migratedRows: 0, quarantinedRows: 0, quarantineReasons: {}, roundTripMismatches: 0, accountingProblems: 0, diffs: [], problems: [], quarantineExamples: [], warnings: {} };
    let afterId: number | undefined;
    for (;;) {
      const rows = await readLegacyPage(client, afterId, pageRows);
      // The last page's range is open: view and quarantine rows above every legacy id are compared too.
      const range: IdRange = { ...(afterId === undefined ? {} : { afterId }), ...(rows.length === pageRows ? { throughId: rows.at(-1)!.id } : {}) };
      const expected = await outcomesOf(client, rows);
      // Filtered again: an implementation that ignores the range is slower, never counted twice.
      const view = (await byImplementation('the legacy view (observe.legacyView)', () => observe.legacyView(client, range))).filter((v) => inIdRange(v.id, range)) as CanonicalRow[];
      const quarantine = (await byImplementation('the quarantine (observe.quarantine)', () => observe.quarantine(client, range))).filter((q) => inIdRange(q.legacy_id, range));
      const warnings = (await byImplementation('the warnings (observe.warnings)', () => observe.warnings(client, range))).filter((w) => inIdRange(w.legacyId, range));
      for (const w of warnings) out.warnings[w.code] = (out.warnings[w.code] ?? 0) + 1;
      const diffs = roundTripDiffs(expected, view);
      const problems = accountingProblems(expected, new Set(view.map((v) => v.id)), quarantine);
      out.legacyRows += rows.length;
      out.migratedRows += view.length;
      out.quarantinedRows += quarantine.length;
      out.roundTripMismatches += diffs.length;
      out.accountingProblems += problems.length;
      out.diffs.push(...diffs.slice(0, maxExamples - out.diffs.length));
      out.problems.push(...problems.slice(0, maxExamples - out.problems.length));
      for (const q of quarantine) {
        const n = (out.quarantineReasons[q.reason] = (out.quarantineReasons[q.reason] ?? 0) + 1);
        if (n <= 3) out.quarantineExamples.push(q);
      }
      if (range.throughId === undefined) return out;
      afterId = range.throughId;
    }
  } finally {
    await client.query(`DROP TABLE IF EXISTS pg_temp.${OUTCOMES}`);
  }
}

async function* legacyPages(client: pg.ClientBase, pageRows: number) {
  let afterId: number | undefined;
  for (;;) {
    const rows = await readLegacyPage(client, afterId, pageRows);
    if (rows.length > 0) yield rows;
    if (rows.length < pageRows) return;
    afterId = rows.at(-1)!.id;
  }
}

/** The page's outcomes, as expectedOutcomes gives them, from the reasons of the first pass. */
async function outcomesOf(client: pg.ClientBase, rows: readonly LegacyRow[]): Promise<Map<number, Outcome>> {
  const { rows: found } = await client.query<{ id: string; reason: QuarantineReason | null; kept: string | null }>(
    `SELECT id::text, reason, kept::text FROM ${OUTCOMES} WHERE id = ANY($1::bigint[])`,
    [rows.map((r) => r.id)],
  );
  const byId = new Map(found.map((f) => [Number(f.id), f]));
  const out = new Map<number, Outcome>();
  for (const row of rows) {
    const o = byId.get(row.id)!;
    if (o.reason === null) out.set(row.id, { kind: 'migrate', row: canonicalRow(row) });
    else out.set(row.id, { kind: 'quarantine', reason: o.reason, ...(o.kept === null ? {} : { keptLegacyId: Number(o.kept) }) });
  }
  return out;
}
