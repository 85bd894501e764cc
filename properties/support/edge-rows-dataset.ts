/**
 * Legacy rows at the edges random data rarely reaches, written out once: weeks that end on 31 December
 * (the end's year is the start's; the next day's is not), a child name of exactly 1 and of 100 code
 * points (the 100 in three-byte characters) beside names of 0 and 101, and duplicate weeks that fall
 * in the same batch and in later ones, with the same child's other weeks and another owner's child on
 * the same dates around them (the kept row must be found by owner, child and week). Outcomes come from
 * the oracle, not from this file.
 */
import type { LegacyDataset, LegacyRow } from '../../src/generate/dataset.ts';
import { weekPeriodLabel } from '../../src/migration/mapping-rules.ts';

const OWNER_A = 'e0000000-0000-4000-8000-00000000000a';
const OWNER_B = 'e0000000-0000-4000-8000-00000000000b';
const DEC_25 = '2028-12-25'; // a Monday: its week ends on 31 December 2028
const JAN_1 = '2029-01-01';

function row(id: number, user: string, child: string, week: string, label: string | null = weekPeriodLabel(week)): LegacyRow {
  return {
    id,
    user_id: user,
    child_name: child,
    week_period: label,
    week_start_date: week,
    theme: `테마 ${id}`,
    habits: [
      { name: '아침 (6-9시) 양치하기', times: ['green', 'yellow', 'red', 'none', null, 'GREEN', 'green'] },
      { name: '책 읽기', times: ['red', 'green'] },
    ],
    reflection: { good: `잘했어요 ${id}` },
    reward: id % 2 === 0 ? null : `스티커 ${id}장`,
    created_at: `${week}T08:00:00.000Z`,
    updated_at: `${week}T09:30:00.123456Z`,
  };
}

export const EDGE_ROWS_DATASET: LegacyDataset = {
  users: [OWNER_A, OWNER_B].map((id) => ({ id, email: `parent-${id}@example.com` })),
  rows: [
    row(1, OWNER_A, '가', DEC_25),
    // duplicates carry a label the rules would warn about if they migrated: a duplicate must not
    row(2, OWNER_A, '가', DEC_25, '2028년 12월 25일 ~ 2029년 1월 1일'), // duplicate of 1, next page at batch size 1
    row(3, OWNER_B, '가', DEC_25), // another owner's child of the same name, same week
    row(4, OWNER_A, '가', JAN_1), // the same child's next week, across the year
    row(5, OWNER_A, '가', DEC_25, null), // duplicate of 1 in a later page at every batch size under 5
    row(6, OWNER_A, '나'.repeat(100), '2023-12-25', null), // 100 code points, 300 bytes; week ends 31 December 2023
    row(7, OWNER_A, '다'.repeat(101), JAN_1),
    row(8, OWNER_A, '', JAN_1),
    row(9, OWNER_B, '가', JAN_1),
    row(10, OWNER_A, '가', JAN_1, null), // duplicate of 4
  ],
};
