/**
 * Builds the rows of a dataset one at a time, in id order, from the families and the number of rows
 * each child gets (see {@link childRowCounts}): what buildDataset does for a whole spec, and what a
 * stream does without holding the rows. Lays out consecutive Monday weeks per child, injects each
 * row's anomalies, derives id, label, timestamps, and lists each known owner in auth.users on its
 * first row.
 *
 * Memory: a row that keeps its generated identity (owner, child, week) is a position in its child's
 * run of weeks, so which weeks are taken is kept per child as a count, plus a bit per row (did it
 * leave its week?) and the identities of the rows an anomaly moved, a few bytes each (moved-weeks.ts).
 * Which weeks are free needs the weeks of rows still to come: hence the counts. Clean rows (anomalies
 * copy any earlier one) are two 32-bit integers each.
 */
import { anomalyById } from './anomalies.ts';
import { ANOMALY_IDS, type AnomalyId } from './anomaly-id.ts';
import type { Injection, InjectionContext, RowDraft, RowIdentity } from './anomaly/define.ts';
import { NIL_UUID } from './anomaly/inspect.ts';
import type { AuthUser, LegacyRow } from './dataset.ts';
import type { FamilySpec, RowSpec } from './dataset-spec.ts';
import { IntList } from './int-list.ts';
import { MovedWeeks } from './moved-weeks.ts';
import { fromDayNumber, toDayNumber, weekPeriodLabel } from '../migration/mapping-rules.ts';
import { DAY_MS, utcTimestamp } from './utc-timestamp.ts';

/** Monday of week 0 of the realistic layout. */
export const LAYOUT_EPOCH = '2024-01-01';
const EPOCH_DAY = toDayNumber(LAYOUT_EPOCH);
/** A family has at most this many children (familiesArbitrary). */
const MAX_CHILDREN = 3;

/** Email of a generated account: unique because the uuid is. */
export function emailFor(userId: string): string {
  return `parent-${userId}@example.com`;
}

/** Which child (family × child slot) a row spec belongs to. */
export function childOf(families: readonly FamilySpec[], r: RowSpec): number {
  const f = r.family % families.length;
  return f * MAX_CHILDREN + (r.child % families[f]!.children.length);
}

/** Rows per child, indexed by {@link childOf}. */
export function childRowCounts(families: readonly FamilySpec[], rows: Iterable<RowSpec>): number[] {
  const counts: number[] = new Array<number>(families.length * MAX_CHILDREN).fill(0);
  for (const r of rows) counts[childOf(families, r)]!++;
  return counts;
}

export interface BuiltRow {
  row: LegacyRow;
  /** The anomalies whose injection changed the row, in catalogue order. */
  injected: AnomalyId[];
}

export class DatasetBuilder {
  /** auth.users so far: each known owner once, in the order of its first row. */
  readonly users: AuthUser[] = [];
  private readonly listed = new Set<string>();
  private readonly taken: Set<string>;
  private readonly known: Set<string>;
  private readonly familyOf = new Map<string, number>();
  /** Rows of each child begun so far. */
  private readonly begun: number[];
  /**
   * Bit `firstRow[child] + k`: generated week k of the child was left by its row (the current row's,
   * while it is being built). Kept only when the rows per child are given (no one asks otherwise).
   */
  private readonly vacated?: Uint8Array;
  private readonly firstRow?: Int32Array;
  /** Identities of rows an anomaly moved off their generated week. */
  private readonly moved: MovedWeeks;
  /** Clean earlier rows as (child, k) pairs. */
  private readonly cleanChild = new IntList();
  private readonly cleanK = new IntList();
  private readonly ctx: InjectionContext;
  private id = 0;

  constructor(
    private readonly families: readonly FamilySpec[],
    /**
     * Rows per child of the whole dataset ({@link childRowCounts}); may be left out when no row spec
     * injects anything (realistic data): only an anomaly asks which weeks are free.
     */
    private readonly rowsPerChild?: readonly number[],
  ) {
    families.forEach((f, i) => this.familyOf.set(f.userId, i));
    this.begun = childRowCounts(families, []);
    this.taken = new Set([NIL_UUID, ...families.map((f) => f.userId)]);
    this.known = new Set(families.map((f) => f.userId));
    this.moved = new MovedWeeks(families.length * MAX_CHILDREN, (owner, name) => this.childIndex(owner, name));
    if (rowsPerChild) {
      this.firstRow = new Int32Array(rowsPerChild.length);
      let total = 0;
      rowsPerChild.forEach((n, child) => {
        this.firstRow![child] = total;
        total += n;
      });
      this.vacated = new Uint8Array(Math.ceil(total / 8));
    }
    const clean = { cleanChild: this.cleanChild, cleanK: this.cleanK, identity: (c: number, k: number) => this.identity(c, k) };
    this.ctx = {
      cleanEarlier: {
        get length() {
          return clean.cleanChild.length;
        },
        at: (i) => (i >= 0 && i < clean.cleanChild.length ? clean.identity(clean.cleanChild.at(i)!, clean.cleanK.at(i)!) : undefined),
      },
      freshOwner: (preferred, isKnown) => {
        let uuid = preferred;
        while (this.taken.has(uuid)) uuid = nextUuid(uuid);
        this.taken.add(uuid);
        if (isKnown) this.known.add(uuid);
        return uuid;
      },
      isWeekFree: (owner, name, week) => !this.isGeneratedWeekTaken(owner, name, week) && !this.moved.has(owner, name, week),
    };
  }

  /** The next row. */
  add(spec: RowSpec): BuiltRow {
    const child = childOf(this.families, spec);
    const k = this.begun[child]!++;
    const base = this.identity(child, k);
    this.setVacated(child, k, true);
    const draft = draftOf(spec, base);
    const injected = inCatalogueOrder(spec.injections)
      .filter((inj) => anomalyById(inj.anomaly).apply(draft, inj, this.ctx))
      .map((inj) => inj.anomaly);
    this.id += 1 + spec.idGap;
    const row = finish(draft, this.id, spec);
    if (row.user_id === base.user_id && row.child_name === base.child_name && row.week_start_date === base.week_start_date) {
      this.setVacated(child, k, false);
      this.cleanChild.push(child);
      this.cleanK.push(k);
    } else {
      this.moved.add(row.user_id, row.child_name, row.week_start_date);
    }
    if (row.user_id !== null && this.known.has(row.user_id) && !this.listed.has(row.user_id)) {
      this.listed.add(row.user_id);
      this.users.push({ id: row.user_id, email: emailFor(row.user_id) });
    }
    return { row, injected };
  }

  private identity(child: number, k: number): RowIdentity {
    const family = this.families[Math.floor(child / MAX_CHILDREN)]!;
    const c = family.children[child % MAX_CHILDREN]!;
    return { user_id: family.userId, child_name: c.name, week_start_date: fromDayNumber(EPOCH_DAY + 7 * (c.startWeek + k)) };
  }

  /** The generated child (family × child slot) an owner and exact name are, if any. */
  private childIndex(owner: string | null, name: string): number | undefined {
    const f = owner === null ? undefined : this.familyOf.get(owner);
    if (f === undefined) return undefined;
    const c = this.families[f]!.children.findIndex((x) => x.name === name);
    return c < 0 ? undefined : f * MAX_CHILDREN + c;
  }

  private setVacated(child: number, k: number, on: boolean): void {
    if (!this.vacated || k >= this.rowsPerChild![child]!) return;
    const bit = this.firstRow![child]! + k;
    if (on) this.vacated[bit >> 3]! |= 1 << (bit & 7);
    else this.vacated[bit >> 3]! &= ~(1 << (bit & 7));
  }

  private isVacated(child: number, k: number): boolean {
    const bit = this.firstRow![child]! + k;
    return (this.vacated![bit >> 3]! & (1 << (bit & 7))) !== 0;
  }

  /** Whether (owner, name, week) is the generated week of a row still to come, or of one that kept it. */
  private isGeneratedWeekTaken(owner: string | null, name: string, week: string): boolean {
    const child = this.childIndex(owner, name);
    if (child === undefined) return false;
    const f = Math.floor(child / MAX_CHILDREN);
    const c = child % MAX_CHILDREN;
    let day: number;
    try {
      day = toDayNumber(week);
    } catch {
      return false;
    }
    const offset = day - EPOCH_DAY - 7 * this.families[f]!.children[c]!.startWeek;
    if (offset < 0 || offset % 7 !== 0) return false;
    const k = offset / 7;
    if (!this.rowsPerChild) throw new Error('DatasetBuilder: an anomaly asked which weeks are free, but the rows per child were not given');
    return k < this.rowsPerChild[child]! && this.identity(child, k).week_start_date === week && !this.isVacated(child, k);
  }
}

function draftOf(r: RowSpec, base: RowIdentity): RowDraft {
  return {
    user_id: base.user_id,
    child_name: base.child_name,
    week_start_date: base.week_start_date,
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
