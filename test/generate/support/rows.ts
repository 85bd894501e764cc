/** Hand-written rows and datasets for detector and serializer tests. */
import type { LegacyDataset, LegacyRow } from '../../../src/generate/dataset.ts';
import { weekPeriodLabel } from '../../../src/migration/mapping-rules.ts';

export const OWNER_A = '11111111-1111-4111-8111-111111111111';
export const OWNER_B = '22222222-2222-4222-8222-222222222222';

const SEVEN = ['green', 'yellow', 'red', 'none', 'green', 'green', null];

export function row(overrides: Partial<LegacyRow> = {}): LegacyRow {
  const week = overrides.week_start_date ?? '2025-10-13';
  return {
    id: 1,
    user_id: OWNER_A,
    child_name: '서연',
    week_period: weekPeriodLabel(week),
    week_start_date: week,
    theme: '공룡 탐험',
    habits: [
      { name: '아침 (6-9시) 양치하기', times: [...SEVEN] },
      { name: '책 읽기', times: [...SEVEN] },
    ],
    reflection: { good: '잘했어요', improve: '물을 더 마셔요' },
    reward: '스티커 5장',
    created_at: '2025-10-13T08:00:00.000Z',
    updated_at: '2025-10-14T08:00:00.000Z',
    ...overrides,
  };
}

export function dataset(rows: LegacyRow[], users: string[] = [OWNER_A, OWNER_B]): LegacyDataset {
  return { users: users.map((id) => ({ id, email: `${id}@example.com` })), rows };
}

/** Every string in a value, keys included. */
export function* allStrings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* allStrings(v);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* allStrings(v);
    }
  }
}
