/**
 * The shape of one anomaly in the catalogue, and `defineAnomaly`, which erases its parameter type.
 *
 * An anomaly is injected into a row while the dataset is built: its `inject` arbitrary yields plain
 * parameters (so counterexamples print and shrink like any other value), and `apply` turns them into
 * a change of the row being built. `detect` says whether a finished row exhibits the anomaly.
 */
import type { Arbitrary } from 'fast-check';
import type { AnomalyId } from '../anomaly-id.ts';
import type { LegacyDataset, LegacyRow } from '../dataset.ts';
import type { Normalization, QuarantineReason, WarningCode, AS_IS_RULES } from '../../migration/mapping-rules.ts';

/** What the migration must do with a row that carries the anomaly (and nothing else). */
export type Treatment =
  | { kind: 'as_is'; rule?: keyof typeof AS_IS_RULES }
  | { kind: 'normalize'; normalization: Normalization }
  | { kind: 'quarantine'; reason: QuarantineReason }
  | { kind: 'warn'; warning: WarningCode };

/** JSON columns whose JS `null` means the JSON literal `null` rather than SQL NULL. */
export type JsonColumn = 'habits' | 'reflection';

/** The row being built: a {@link LegacyRow} without id and timestamps, mutable by `apply`. */
export interface RowDraft {
  user_id: string | null;
  child_name: string;
  week_start_date: string;
  /** `undefined` = the consistent label, derived from the final `week_start_date`. */
  week_period: string | null | undefined;
  theme: string | null;
  habits: unknown;
  reflection: unknown;
  reward: string | null;
  jsonNull: Set<JsonColumn>;
}

/** Which child and week a row is: what relational anomalies copy, and all a relational detector reads of a row (with its id). */
export type RowIdentity = Pick<LegacyRow, 'user_id' | 'child_name' | 'week_start_date'>;

/** What `apply` may see of the rest of the dataset. Rows are only ever changed one at a time, in id order. */
export interface InjectionContext {
  /**
   * Earlier finished rows whose owner, child name and week are still the generated ones (a known
   * owner, a valid name, a Monday): the only rows a relational anomaly may copy from.
   */
  readonly cleanEarlier: { readonly length: number; at(index: number): RowIdentity | undefined };
  /** A uuid no family, row or user has yet, derived from `preferred`; `known` puts it into auth.users. */
  freshOwner(preferred: string, known: boolean): string;
  /** True when no other row holds (owner, exact child name, week). */
  isWeekFree(owner: string | null, childName: string, week: string): boolean;
}

/** One injection: which anomaly, with which parameters (plain data). */
export interface Injection {
  readonly anomaly: AnomalyId;
  readonly params: unknown;
}

export interface AnomalyEntry {
  readonly id: AnomalyId;
  readonly description: string;
  readonly treatment: Treatment;
  /** Arbitrary of one injection of this anomaly; it shrinks through its parameters. */
  readonly inject: Arbitrary<Injection>;
  /** Changes the draft; false (draft untouched or irrelevant) when the row cannot carry the anomaly. */
  apply(draft: RowDraft, injection: Injection, ctx: InjectionContext): boolean;
  /** Whether a finished row of `dataset` exhibits the anomaly. Pure; datasets are treated as immutable. */
  detect(row: LegacyRow, dataset: LegacyDataset): boolean;
  /**
   * `detect` reads the dataset (other rows, the users), and of the row only its id and
   * {@link RowIdentity}; otherwise it reads the row alone. A stream decides the others as each row is made.
   */
  readonly relational: boolean;
}

export interface AnomalySpec<P> {
  readonly id: AnomalyId;
  readonly description: string;
  readonly treatment: Treatment;
  readonly params: Arbitrary<P>;
  apply(draft: RowDraft, params: P, ctx: InjectionContext): boolean;
  detect(row: LegacyRow, dataset: LegacyDataset): boolean;
  /** See {@link AnomalyEntry.relational} (default false). */
  readonly relational?: boolean;
}

/** Builds a catalogue entry; the parameter type stays private to the entry. */
export function defineAnomaly<P>(spec: AnomalySpec<P>): AnomalyEntry {
  const { id, params } = spec;
  return {
    id,
    description: spec.description,
    treatment: spec.treatment,
    inject: params.map((p): Injection => ({ anomaly: id, params: p })),
    apply: (draft, injection, ctx) => spec.apply(draft, injection.params as P, ctx),
    detect: (row, dataset) => spec.detect(row, dataset),
    relational: spec.relational ?? false,
  };
}
