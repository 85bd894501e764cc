import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { fingerprint, fingerprintDiff } from '../../src/check/fingerprint.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { jsonEqual } from '../../src/check/round-trip.ts';
import { loadAndBackfill, setupPhase1 } from './support/phase-1-case.ts';
import { execute, intentArbitrary, legacyWriteArbitrary, readWorld, resolve, type ClientState, type Executed, type Intent } from './support/operations.ts';
import { LegacyModel, modelDiffs, type Write } from './support/model.ts';
import { replayInModel } from './support/replay.ts';
import { describeInconsistency, isConsistent, readConsistency } from './support/consistency.ts';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import { weekIdsOf } from '../support/week-ids.ts';
import { readLegacyRows } from '../../src/check/read-state.ts';
import { beyondGroups, changedGroups, markXid, rowsOfGroups, rowsWrittenSince } from './support/write-locality.ts';

export interface RollbackCase {
  dataset: LegacyDataset;
  /** Writes while Phase 1 is applied (after a template and a week made from it). */
  before: Intent[];
  /** Old clients' writes while Phase 1 is rolled back: the legacy table keeps serving. */
  during: Intent[];
}

/** The account of the template and the week made from it (the dataset may have no account at all). */
const OWNER = '0f0f0f0f-0000-4000-8000-00000000f001';

/** The plan's tables only the new schema holds (weeks.template_id: by legacy row, templateIds). */
const NEW_ONLY = {
  habit_templates: 'SELECT * FROM public.habit_templates',
  notifications: 'SELECT * FROM public.notifications',
  idempotency_log: 'SELECT * FROM public.idempotency_log',
};

/**
 * Phase 1 rolls back without losing anything, and comes back (pgroll's start → rollback → start):
 * the rollback stops dual writing (trigger and API gone), leaves the legacy table as it was, keeps
 * every new-only row (templates, notifications, weeks.template_id, the idempotency log) and reports
 * their counts; old clients then write the legacy table alone; re-applying Phase 1 reconciles those
 * writes (drift 0, the legacy table and templates equal the model) with the new-only data intact, and
 * the API answers again.
 */
export const rollback: PropertyDef<RollbackCase> = {
  name: 'phase-1/rollback',
  tags: ['phase-1'],
  description:
    'Rolling Phase 1 back stops dual writing, keeps and reports every new-only row, touches no legacy row; re-applying it reconciles the legacy writes made meanwhile.',
  defaultRuns: 20,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 4 }),
        before: fc.array(intentArbitrary, { maxLength: 4 }),
        during: fc.array(legacyWriteArbitrary, { minLength: 1, maxLength: 4 }),
      },
      { noNullPrototype: true },
    ),
  setup: (ctx) => setupPhase1(ctx),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    await loadAndBackfill(ctx, input.dataset, [OWNER]);
    await ctx.impl.phases['phase-1'].apply(c); // a failed earlier case may have left it rolled back
    const world = await readWorld(c, [OWNER]);
    const model = await LegacyModel.read(c);
    const state: ClientState = { client: 0, created: [], templates: [], next: 0 };
    const fail = (message: string, details: Record<string, unknown> = {}): never => {
      throw new PropertyFailure(message, details);
    };

    // Phase 1 in use: a template, a week made from it, and the case's writes.
    const owner = OWNER;
    const seeded: Write[] = [
      { kind: 'api', op: 'createTemplate', key: 'rollback-template', request: { userId: owner, name: '평일', habits: ['숙제하기', '책 읽기'] } },
    ];
    const executed: Executed[] = [];
    for (const w of seeded) executed.push(await execute(c, 0, w, ctx.impl));
    const templateId = String((executed[0]!.outcome as { response?: { templateId?: string } }).response?.templateId);
    state.templates.push(templateId);
    const templateWeek = await execute(c, 0, { kind: 'api', op: 'createWeek', key: 'rollback-week', request: { userId: owner, childName: '하늘', weekStartDate: '2026-01-05', templateId } }, ctx.impl);
    executed.push(templateWeek);
    // later writes may aim at the week made from the template: its template_id must survive their syncs
    const templateWeekId = (templateWeek.outcome as { response?: { legacyId?: unknown } }).response?.legacyId;
    if (templateWeekId !== undefined) state.created.push(Number(templateWeekId));
    for (const intent of input.before) executed.push(await execute(c, 0, await resolve(intent, world, state, c), ctx.impl));
    // An old client breaks the week made from the template (quarantined), then mends it: the template
    // stays with the legacy row through the quarantine and comes back with the week.
    const templateWeekNow = templateWeekId === undefined ? undefined : Number(templateWeekId);
    const stillThere = templateWeekNow !== undefined && ((await c.query('SELECT 1 FROM public.habit_tracker WHERE id = $1', [templateWeekNow])).rowCount ?? 0) > 0;
    if (stillThere) {
      executed.push(await execute(c, 0, { kind: 'raw', op: 'update', id: templateWeekNow!, set: { habits: 'not an array' } }, ctx.impl));
      const broken = await templateIds(c, ctx.impl);
      executed.push(await execute(c, 0, { kind: 'raw', op: 'update', id: templateWeekNow!, set: { habits: [{ name: '숙제하기', times: ['green', 'none', 'none', 'none', 'none', 'none', 'red'] }] } }, ctx.impl));
      const mended = await templateIds(c, ctx.impl);
      if (broken.get(templateWeekNow!) !== templateId || mended.get(templateWeekNow!) !== templateId) {
        fail('an old client\'s writes to a week made from a template lost its template_id (kept in quarantine while the row is broken, back on the week once mended)', {
          legacyId: templateWeekNow,
          templateId,
          whileQuarantined: broken.get(templateWeekNow!) ?? null,
          afterMending: mended.get(templateWeekNow!) ?? null,
        });
      }
    }
    // and writes a row the rules quarantine (the trigger records it): deleted while Phase 1 is rolled back
    const broken = (week: string): Write => ({
      kind: 'raw',
      op: 'insert',
      values: { user_id: owner, child_name: '하늘', week_period: null, week_start_date: week, theme: null, habits: 'not an array', reflection: null, reward: null },
    });
    const quarantined = await execute(c, 0, broken('2026-01-19'), ctx.impl);
    executed.push(quarantined);
    const quarantinedId = quarantined.outcome && 'id' in quarantined.outcome ? quarantined.outcome.id : undefined;
    const mismatches = replayInModel(model, executed);
    if (mismatches.length > 0) fail('while Phase 1 was applied, an answer differs from the model', { mismatches });

    const kept = await countNewOnly(c);
    const templated = await templateIds(c, ctx.impl);
    const weekTemplates = await weekTemplateIds(c, ctx.impl);
    const newOnly = await fingerprint(c, NEW_ONLY);
    const legacy = await fingerprint(c, { habit_tracker: 'SELECT * FROM public.habit_tracker' });

    const result = await ctx.impl.phases['phase-1'].rollback(c);
    if (!jsonEqual(result.kept, kept)) fail('the rollback does not report the new-only rows that were there', { reported: result.kept, before: kept });
    const changed = new Set(fingerprintDiff(newOnly, await fingerprint(c, NEW_ONLY)));
    if (!jsonEqual([...weekTemplates], [...(await weekTemplateIds(c, ctx.impl))])) changed.add('week_templates');
    const lost = ['habit_templates', 'notifications', 'week_templates', 'idempotency_log'].filter((t) => changed.has(t));
    if (lost.length > 0) fail(`the rollback changed new-only data: ${lost.join(', ')}`, { before: kept, after: await countNewOnly(c) });
    if (fingerprintDiff(legacy, await fingerprint(c, { habit_tracker: 'SELECT * FROM public.habit_tracker' })).length > 0) fail('the rollback changed the legacy table');
    const { rows: triggers } = await c.query<{ t: string }>(`SELECT tgname AS t FROM pg_trigger WHERE tgrelid = 'public.habit_tracker'::regclass AND NOT tgisinternal`);
    const api = await ctx.impl.dualWrite.call(c, 'after-rollback', 'createTemplate', { userId: owner, name: '롤백 후', habits: [] }).then(
      () => 'answered',
      () => 'refused',
    );
    if (triggers.length > 0 || api === 'answered') {
      fail(`after the rollback dual writing goes on (triggers on habit_tracker: ${triggers.map((t) => t.t).join(', ') || 'none'}; API: ${api})`);
    }

    // Old clients keep writing the legacy table; nothing reaches the new schema now.
    const newSchema = await fingerprint(c, ctx.impl.observe.contentQueries);
    const legacyBefore = await readLegacyRows(c);
    const during: Executed[] = [];
    for (const intent of input.during) during.push(await execute(c, 0, await resolve(intent, world, state, c), ctx.impl));
    // the reconcile must also see a row the rules quarantine that arrived meanwhile, and forget the
    // quarantine row of one that went
    during.push(await execute(c, 0, broken('2026-01-26'), ctx.impl));
    if (quarantinedId !== undefined) during.push(await execute(c, 0, { kind: 'raw', op: 'delete', id: quarantinedId }, ctx.impl));
    // and one to the week made from the template: the reconcile re-derives it, template and all
    if (templateWeekNow !== undefined) during.push(await execute(c, 0, { kind: 'raw', op: 'update', id: templateWeekNow, set: { theme: '롤백 중에 바뀜' } }, ctx.impl));
    const duringMismatches = replayInModel(model, during);
    if (duringMismatches.length > 0) fail('a legacy write after the rollback was answered differently from the model', { mismatches: duringMismatches });
    const synced = fingerprintDiff(newSchema, await fingerprint(c, ctx.impl.observe.contentQueries));
    if (synced.length > 0) fail(`after the rollback legacy writes still reach the new schema (${synced.join(', ')})`);

    // Start again: the writes made meanwhile are reconciled — those and nothing else (a reconcile that
    // re-derives every row is right but rewrites the whole new schema) — the new-only data is still there.
    const reconciled = changedGroups(legacyBefore, await readLegacyRows(c));
    const mark = await markXid(c);
    await ctx.impl.phases['phase-1'].apply(c);
    const beyond = beyondGroups(await rowsWrittenSince(c, mark), await rowsOfGroups(c, ctx.impl, reconciled));
    if (beyond.length > 0) fail(`re-applying Phase 1 rewrote new-schema rows beyond the weeks written meanwhile (first: ${beyond[0]!.table}: ${beyond[0]!.written} rows written, ${beyond[0]!.inGroups} in those weeks)`, { beyond });
    const templatedNow = await templateIds(c, ctx.impl);
    const diffs = await modelDiffs(c, model);
    if (diffs.length > 0) fail('after re-applying Phase 1 the legacy table or the templates differ from the model', { diffs });
    const consistency = await readConsistency(c, ctx.impl);
    if (!isConsistent(consistency)) fail(`after re-applying Phase 1 the new schema is not the legacy table's: ${describeInconsistency(consistency)}`, { ...consistency });
    const lostTemplates = [...templated].filter(([id, t]) => model.rows.has(id) && templatedNow.get(id) !== t);
    if (lostTemplates.length > 0) fail('after rollback and re-apply, weeks made from a template lost their template_id', { lostTemplates, now: [...templatedNow] });
    await ctx.impl.phases['phase-1'].complete(c);
    const again = await execute(c, 0, { kind: 'api', op: 'createTemplate', key: 'after-reapply', request: { userId: owner, name: '주말', habits: [] } }, ctx.impl);
    if (!again.outcome?.ok) fail(`after re-applying Phase 1 the API does not answer: ${again.error ?? JSON.stringify(again.outcome)}`);
  },
};

/** template_id of every legacy row that has one, in its week or (while quarantined) in its quarantine row. */
async function templateIds(c: pg.ClientBase, impl: MigrationImplementation): Promise<Map<number, string>> {
  const quarantined = (await impl.observe.quarantine(c)).flatMap((q) => {
    const t = q.detail?.template_id;
    return typeof t === 'string' ? [[q.legacy_id, t] as const] : [];
  });
  return new Map([...(await weekTemplateIds(c, impl)), ...quarantined]);
}

/** template_id of each legacy row's week that has one (weeks.template_id, the plan's column). */
async function weekTemplateIds(c: pg.ClientBase, impl: MigrationImplementation): Promise<Map<number, string>> {
  const weekIds = await weekIdsOf(impl, c);
  const { rows } = await c.query<{ id: string; t: string }>(
    'SELECT id::text, template_id::text AS t FROM public.weeks WHERE template_id IS NOT NULL AND id::text = ANY ($1::text[])',
    [[...weekIds.values()]],
  );
  const byWeek = new Map(rows.map((r) => [r.id, r.t]));
  return new Map([...weekIds].flatMap(([legacyId, week]) => (byWeek.has(week) ? [[legacyId, byWeek.get(week)!] as const] : [])));
}

/** Rows only the new schema holds, by table (what a rollback must keep, and report). */
async function countNewOnly(c: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await c.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM public.habit_templates) AS habit_templates,
            (SELECT count(*)::int FROM public.notifications) AS notifications,
            (SELECT count(*)::int FROM public.weeks WHERE template_id IS NOT NULL) AS "weeks.template_id",
            (SELECT count(*)::int FROM public.idempotency_log) AS idempotency_log`,
  );
  return rows[0]!;
}
