/**
 * Anomalies of free text (theme, reward, habit names) that test serialization rather than rules:
 * SQL and CSV metacharacters, and Unicode beyond Hangul. Never U+0000 (Postgres rejects it) and
 * never a lone surrogate (jsonb rejects it).
 */
import fc from 'fast-check';
import { defineAnomaly, type RowDraft } from './define.ts';
import { habitObjects, pick } from './inspect.ts';

const COLUMNS = ['theme', 'reward', 'habit_name'] as const;

function setText(draft: RowDraft, column: (typeof COLUMNS)[number], habit: number, text: string): boolean {
  if (column !== 'habit_name') {
    draft[column] = `${draft[column] ?? ''}${text}`;
    return true;
  }
  const h = pick(
    habitObjects(draft.habits).filter((x) => typeof x.name === 'string'),
    habit,
  );
  if (!h) return false;
  h.name = `${String(h.name)}${text}`;
  return true;
}

function texts(row: { theme: string | null; reward: string | null; habits: unknown }): string[] {
  const names = habitObjects(row.habits)
    .map((h) => h.name)
    .filter((n): n is string => typeof n === 'string');
  return [row.theme ?? '', row.reward ?? '', ...names];
}

export const SQL_METACHARACTERS = ["엄마's 선물", "''", '\\', "\\'", '$$', '$tag$', '--', '/*', ';', '%_', '"따옴표"', 'a,"b"', '줄\n바꿈', 'crlf\r\n'] as const;
const METACHAR = /['\\$;%"\n\r]|--|\/\*/;

export const textSqlMetacharacters = defineAnomaly({
  id: 'text_sql_metacharacters',
  description: 'quotes, backslashes, dollar quotes, comment starts, semicolons, commas, newlines in theme/reward/habit names',
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.record(
    { column: fc.constantFrom(...COLUMNS), habit: fc.nat(), text: fc.constantFrom(...SQL_METACHARACTERS) },
    { noNullPrototype: true },
  ),
  apply: (draft, { column, habit, text }) => setText(draft, column, habit, text),
  detect: (row) => texts(row).some((t) => METACHAR.test(t)),
});

/** Astral CJK, emoji ZWJ, zero-width space, right-to-left text, a BOM, a C0 control, a combining mark. */
export const UNICODE_TEXTS = ['𠀀𠀁', '👩‍👧‍👦', 'zero\u200Bwidth', 'مرحبا', '\uFEFF', 'bell\u0007', 'e\u0301'] as const;
const UNUSUAL = /[\u{10000}-\u{10FFFF}\u0001-\u0008\u000B\u000C\u000E-\u001F\u200B-\u200F\u202A-\u202E\uFEFF\u0600-\u06FF\u0300-\u036F]/u;

export const textUnicode = defineAnomaly({
  id: 'text_unicode',
  description: 'astral CJK, emoji sequences, zero-width and bidi characters, a BOM, a control character in free text',
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.record(
    { column: fc.constantFrom(...COLUMNS), habit: fc.nat(), text: fc.constantFrom(...UNICODE_TEXTS) },
    { noNullPrototype: true },
  ),
  apply: (draft, { column, habit, text }) => setText(draft, column, habit, text),
  detect: (row) => texts(row).some((t) => UNUSUAL.test(t)),
});
