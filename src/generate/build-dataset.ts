/**
 * Turns a {@link DatasetSpec} into a {@link LegacyDataset}: lays out consecutive Monday weeks per
 * child, injects the anomalies of each row in id order, derives ids, labels, timestamps and the users
 * the rows reference, and labels each finished row with the anomalies it exhibits (label-rows.ts).
 * Pure and deterministic.
 */
import { ANOMALY_IDS, anomalyById, type AnomalyId } from './anomalies.ts';
import { labelRows } from './label-rows.ts';
import type { Injection, InjectionContext, RowDraft } from './anomaly/define.ts';
import { NIL_UUID, weekKey } from './anomaly/inspect.ts';
import type { AuthUser, LegacyDataset, LegacyRow } from './dataset.ts';
import type { DatasetSpec, RowSpec } from './dataset-spec.ts';
import { fromDayNumber, toDayNumber, weekPeriodLabel } from '../migration/mapping-rules.ts';
import { DAY_MS, utcTimestamp } from './utc-timestamp.ts';

/** Monday of week 0 of the realistic layout. */
export const LAYOUT_EPOCH = '2024-01-01';

interface Identity {
  owner: string;
  name: string;
  week: string;
}

/** Email of a generated account: unique because the uuid is. */
export function emailFor(userId: string): string {
  return `parent-${userId}@example.com`;
}

export function buildDataset(spec: DatasetSpec): LegacyDataset {
  const bases = layout(spec);
  const claimed = new Map<string, number>();
  const claim = (owner: string | null, name: string, week: string, by: number) => {
    const key = weekKey(owner, name, week);
    claimed.set(key, (claimed.get(key) ?? 0) + by);
  };
  for (const b of bases) claim(b.owner, b.name, b.week, 1);

  const taken = new Set<string>([NIL_UUID, ...spec.families.map((f) => f.userId)]);
  const known = new Set(spec.families.map((f) => f.userId));
  const cleanEarlier: LegacyRow[] = [];
  const ctx: InjectionContext = {
    cleanEarlier,
    freshOwner(preferred, isKnown) {
      let uuid = preferred;
      while (taken.has(uuid)) uuid = nextUuid(uuid);
      taken.add(uuid);
      if (isKnown) known.add(uuid);
      return uuid;
    },
    isWeekFree: (owner, name, week) => !claimed.get(weekKey(owner, name, week)),
  };

  const rows: LegacyRow[] = [];
  const injected: AnomalyId[][] = [];
  let id = 0;
  spec.rows.forEach((rowSpec, i) => {
    const base = bases[i]!;
    claim(base.owner, base.name, base.week, -1);
    const draft = draftOf(rowSpec, base);
    const applied = inCatalogueOrder(rowSpec.injections)
      .filter((inj) => anomalyById(inj.anomaly).apply(draft, inj, ctx))
      .map((inj) => inj.anomaly);
    id += 1 + rowSpec.idGap;
    const row = finish(draft, id, rowSpec);
    claim(row.user_id, row.child_name, row.week_start_date, 1);
    rows.push(row);
    injected.push(applied);
    if (row.user_id === base.owner && row.child_name === base.name && row.week_start_date === base.week) cleanEarlier.push(row);
  });

  const users: AuthUser[] = [];
  const listed = new Set<string>();
  for (const row of rows) {
    if (row.user_id === null || !known.has(row.user_id) || listed.has(row.user_id)) continue;
    listed.add(row.user_id);
    users.push({ id: row.user_id, email: emailFor(row.user_id) });
  }

  const dataset: LegacyDataset = { users, rows };
  dataset.anomalies = labelRows(dataset, new Map(rows.map((row, i) => [row.id, injected[i]!])));
  return dataset;
}

/** Base identity of each row: its family's owner, its child, and the child's next consecutive Monday. */
function layout(spec: DatasetSpec): Identity[] {
  const seen = new Map<string, number>();
  return spec.rows.map((r) => {
    const familyIndex = r.family % spec.families.length;
    const family = spec.families[familyIndex]!;
    const childIndex = r.child % family.children.length;
    const child = family.children[childIndex]!;
    const group = `${familyIndex}:${childIndex}`;
    const k = seen.get(group) ?? 0;
    seen.set(group, k + 1);
    return { owner: family.userId, name: child.name, week: fromDayNumber(toDayNumber(LAYOUT_EPOCH) + 7 * (child.startWeek + k)) };
  });
}

function draftOf(r: RowSpec, base: Identity): RowDraft {
  return {
    user_id: base.owner,
    child_name: base.name,
    week_start_date: base.week,
    week_period: undefined,
    theme: r.theme,
    habits: r.habits.map((h) => ({ name: h.name, times: [...h.times] })),
    reflection: structuredClone(r.reflection),
    reward: r.reward,
    jsonNull: new Set(),
  };
}

function inCatalogueOrder(injections: readonly Injection[]): Injection[] {
  const rank = (inj: Injection) => ANOMALY_IDS.indexOf(inj.anomaly);
  return [...injections].sort((a, b) => rank(a) - rank(b));
}

function finish(draft: RowDraft, id: number, r: RowSpec): LegacyRow {
  const created = toDayNumber(draft.week_start_date) * DAY_MS + r.createdMs;
  const row: LegacyRow = {
    id,
    user_id: draft.user_id,
    child_name: draft.child_name,
    week_period: draft.week_period === undefined ? weekPeriodLabel(draft.week_start_date) : draft.week_period,
    week_start_date: draft.week_start_date,
    theme: draft.theme,
    habits: draft.habits,
    reflection: draft.reflection,
    reward: draft.reward,
    created_at: utcTimestamp(created),
    updated_at: utcTimestamp(created + r.updatedMs),
  };
  const jsonNull = (['habits', 'reflection'] as const).filter((c) => draft.jsonNull.has(c) && draft[c] === null);
  if (jsonNull.length > 0) row.json_null_columns = jsonNull;
  return row;
}

/** The next uuid in hex order of its last 12 digits (wrapping), keeping version and variant. */
function nextUuid(uuid: string): string {
  const tail = (BigInt(`0x${uuid.slice(24)}`) + 1n) % (1n << 48n);
  return `${uuid.slice(0, 24)}${tail.toString(16).padStart(12, '0')}`;
}
