import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANOMALIES, anomalyById, codePointLength, nearDuplicateKey } from '../../src/generate/anomalies.ts';
import { ANOMALY_IDS, type AnomalyId } from '../../src/generate/anomaly-id.ts';
import { STATUSES, type LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary, type DatasetMode } from '../../src/generate/legacy-dataset.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { parseJsonDataset, toJson } from '../../src/generate/serialize.ts';
import { addDaysIso, isoWeekday, weekPeriodLabel } from '../../src/migration/mapping-rules.ts';
import { allStrings } from './support/rows.ts';

const SEED = 20251013;

function samples(mode: DatasetMode, count: number, maxRows = 20): LegacyDataset[] {
  return Array.from({ length: count }, (_, i) => fc.sample(legacyDatasetArbitrary({ mode, maxRows }), { seed: i + 1, numRuns: 1 })[0]!);
}

const adversarial = samples('adversarial', 200);

/** Invariants every generated dataset keeps, whatever the mode. */
function checkStructure(ds: LegacyDataset): void {
  const ids = ds.rows.map((r) => r.id);
  ids.forEach((id, i) => expect(id).toBeGreaterThan(i === 0 ? 0 : ids[i - 1]!));
  const userIds = ds.users.map((u) => u.id);
  expect(new Set(userIds).size).toBe(userIds.length);
  expect(new Set(ds.users.map((u) => u.email)).size).toBe(userIds.length);
  // users = owners referenced, except those an owner anomaly leaves out on purpose
  const referenced = new Set(ds.rows.map((r) => r.user_id));
  for (const u of userIds) expect(referenced.has(u)).toBe(true);
  for (const r of ds.rows) {
    if (r.user_id !== null && !userIds.includes(r.user_id)) {
      expect(ds.anomalies?.[r.id]?.some((a) => a === 'owner_unknown' || a === 'owner_nil_uuid'), `row ${r.id}`).toBe(true);
    }
    expect(r.created_at <= r.updated_at).toBe(true);
    expect(r.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
  for (const s of allStrings(ds)) {
    expect(s.includes('\u0000')).toBe(false);
    expect(/\p{Cs}/u.test(s)).toBe(false);
  }
  for (const [id, list] of Object.entries(ds.anomalies ?? {})) {
    const r = ds.rows.find((x) => x.id === Number(id))!;
    for (const a of list) expect(anomalyById(a).detect(r, ds), `${a} on row ${id}`).toBe(true);
  }
}

describe('realistic mode', () => {
  it('writes what the app writes: Monday weeks, consistent labels, valid statuses, Korean habits, no anomalies', () => {
    fc.assert(
      fc.property(legacyDatasetArbitrary({ mode: 'realistic', maxRows: 30 }), (ds) => {
        checkStructure(ds);
        expect(ds.anomalies).toEqual({});
        for (const r of ds.rows) {
          expect(isoWeekday(r.week_start_date)).toBe(1);
          expect(r.week_start_date >= '2024-01-01' && r.week_start_date < '2028-01-01').toBe(true);
          expect(r.week_period).toBe(weekPeriodLabel(r.week_start_date));
          expect(r.user_id).not.toBeNull();
          expect(codePointLength(r.child_name)).toBeGreaterThan(0);
          expect(Array.isArray(r.habits)).toBe(true);
          const habits = r.habits as { name: string; times: unknown[] }[];
          expect(habits.length).toBeGreaterThanOrEqual(1);
          expect(habits.length).toBeLessThanOrEqual(8);
          for (const h of habits) {
            expect(Object.keys(h)).toEqual(['name', 'times']);
            expect(h.name).toMatch(/[가-힣]/);
            expect(h.times).toHaveLength(7);
            for (const s of h.times) expect(s === null || (STATUSES as readonly unknown[]).includes(s)).toBe(true);
          }
          expect(typeof r.reflection === 'object' && r.reflection !== null && !Array.isArray(r.reflection)).toBe(true);
        }
        // no quarantine or warning can apply to a realistic row
        const index = new Map<string, Set<string>>();
        for (const r of ds.rows) {
          for (const a of ANOMALIES) {
            if (a.treatment.kind === 'quarantine' || a.treatment.kind === 'warn') expect(a.detect(r, ds), `${a.id} on ${r.id}`).toBe(false);
          }
          const key = `${r.user_id}|${nearDuplicateKey(r.child_name)}`;
          index.set(key, (index.get(key) ?? new Set()).add(r.child_name));
        }
        for (const names of index.values()) expect(names.size).toBe(1);
        // the weeks of a child are consecutive Mondays, in id order
        const lastWeek = new Map<string, string>();
        for (const r of ds.rows) {
          const child = `${r.user_id}|${r.child_name}`;
          const prev = lastWeek.get(child);
          if (prev !== undefined) expect(r.week_start_date).toBe(addDaysIso(prev, 7));
          lastWeek.set(child, r.week_start_date);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('has some null statuses and realistic families (1 to 3 children each)', () => {
    const ds = sampleDataset({ seed: 5, rows: 200, mode: 'realistic' });
    const statuses = ds.rows.flatMap((r) => (r.habits as { times: unknown[] }[]).flatMap((h) => h.times));
    expect(statuses).toContain(null);
    for (const s of STATUSES) expect(statuses).toContain(s);
    const children = new Map<string, Set<string>>();
    for (const r of ds.rows) children.set(r.user_id!, (children.get(r.user_id!) ?? new Set()).add(r.child_name));
    for (const names of children.values()) expect(names.size).toBeLessThanOrEqual(3);
  });
});

describe('adversarial mode', () => {
  it('keeps the structural invariants, and every recorded anomaly is exhibited (also after a JSON round trip)', () => {
    for (const ds of adversarial) {
      checkStructure(ds);
      const back = parseJsonDataset(toJson(ds), 'roundtrip.json');
      for (const [id, list] of Object.entries(back.anomalies ?? {})) {
        const r = back.rows.find((x) => x.id === Number(id))!;
        for (const a of list) expect(anomalyById(a).detect(r, back), `${a} on row ${id}`).toBe(true);
      }
    }
  });

  it('injects every anomaly of the catalogue within 200 seeded datasets', () => {
    const seen = new Map<AnomalyId, number>();
    for (const ds of adversarial) for (const list of Object.values(ds.anomalies ?? {})) for (const a of list) seen.set(a, (seen.get(a) ?? 0) + 1);
    expect(ANOMALY_IDS.filter((a) => !seen.has(a))).toEqual([]);
  });

  it.each(ANOMALY_IDS.map((id) => [id]))('injects %s when it is the only one asked for', (id) => {
    const rows = Array.from({ length: 5 }, (_, i) => sampleDataset({ seed: i + 1, rows: 6, mode: 'adversarial', anomalies: [id] }));
    expect(rows.some((ds) => Object.values(ds.anomalies ?? {}).some((list) => list.includes(id)))).toBe(true);
  });

  it('child names of 100 and 101 code points are longer in UTF-16 units', () => {
    let checked = 0;
    for (const ds of adversarial) {
      for (const r of ds.rows) {
        const list = ds.anomalies?.[r.id] ?? [];
        if (list.includes('child_name_100_code_points')) {
          expect(codePointLength(r.child_name)).toBe(100);
          expect(r.child_name.length).toBeGreaterThan(100);
          checked++;
        }
        if (list.includes('child_name_101_code_points')) {
          expect(codePointLength(r.child_name)).toBe(101);
          expect(r.child_name.length).toBeGreaterThan(101);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('the owner_unknown owner is left out of auth.users, and duplicate_week rows follow a lower id', () => {
    for (const ds of adversarial) {
      const users = new Set(ds.users.map((u) => u.id));
      for (const r of ds.rows) {
        const list = ds.anomalies?.[r.id] ?? [];
        if (list.includes('owner_unknown')) expect(users.has(r.user_id!)).toBe(false);
        if (list.includes('duplicate_week')) {
          expect(ds.rows.some((o) => o.id < r.id && o.user_id === r.user_id && o.child_name === r.child_name && o.week_start_date === r.week_start_date)).toBe(true);
        }
      }
    }
  });
});

describe('options', () => {
  it('gives exactly the asked number of rows with minRows = maxRows', () => {
    for (const mode of ['realistic', 'adversarial', 'mixed'] as const) {
      for (const n of [0, 1, 17]) expect(sampleDataset({ seed: 9, rows: n, mode }).rows).toHaveLength(n);
    }
  });

  it('mixed mode is mostly realistic', () => {
    const ds = sampleDataset({ seed: 4, rows: 400, mode: 'mixed' });
    const flagged = Object.keys(ds.anomalies ?? {}).length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(ds.rows.length / 3);
  });

  it('rejects bad bounds and unknown or misplaced anomaly ids', () => {
    expect(() => legacyDatasetArbitrary({ mode: 'mixed', minRows: 5, maxRows: 2 })).toThrow(RangeError);
    expect(() => legacyDatasetArbitrary({ mode: 'mixed', anomalies: ['nope' as AnomalyId] })).toThrow(/catalogue ids/);
    expect(() => legacyDatasetArbitrary({ mode: 'realistic', anomalies: ['owner_null'] })).toThrow(/realistic/);
  });
});

describe('shrinking', () => {
  const redAfterFirstHabit = (ds: LegacyDataset) =>
    !ds.rows.some((r) => Array.isArray(r.habits) && r.habits.some((h, i) => i >= 1 && Array.isArray(h?.times) && h.times.includes('red')));

  it('a red status on habit index >= 1 shrinks to one row with at most two habits', () => {
    const out = fc.check(fc.property(legacyDatasetArbitrary({ mode: 'realistic', maxRows: 30 }), redAfterFirstHabit), { seed: SEED, numRuns: 200 });
    expect(out.failed).toBe(true);
    const [ds] = out.counterexample!;
    expect(ds.rows).toHaveLength(1);
    expect((ds.rows[0]!.habits as unknown[]).length).toBeLessThanOrEqual(2);
    expect(ds.users).toHaveLength(1);
  });

  it('adversarial datasets shrink to the one row, shedding unrelated anomalies', () => {
    const out = fc.check(fc.property(legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 30 }), redAfterFirstHabit), { seed: SEED, numRuns: 200 });
    expect(out.failed).toBe(true);
    const [ds] = out.counterexample!;
    expect(ds.rows).toHaveLength(1);
    expect(Object.keys(ds.anomalies ?? {})).toEqual([]);
  });

  it('a quarantine-worthy row shrinks to that row alone', () => {
    const noNullOwner = (ds: LegacyDataset) => ds.rows.every((r) => r.user_id !== null);
    const out = fc.check(fc.property(legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 30 }), noNullOwner), { seed: SEED, numRuns: 200 });
    expect(out.failed).toBe(true);
    const [ds] = out.counterexample!;
    expect(ds.rows).toHaveLength(1);
    expect(ds.anomalies).toEqual({ [ds.rows[0]!.id]: ['owner_null'] });
    expect((ds.rows[0]!.habits as unknown[]).length).toBe(1);
  });
});
