/**
 * The edges of free text (theme, reward, habit names, reflection's string values), all migrated as
 * they are — byte for byte, so a trim, a normalization, a NULLIF or a length limit anywhere shows:
 * whitespace at the ends and inside (ASCII, U+00A0, U+3000), '' beside NULL, NFD beside NFC,
 * zero-width characters, very long values. Never U+0000, never a lone surrogate.
 */
import fc from 'fast-check';
import { defineAnomaly } from './define.ts';
import { FREE_TEXT_COLUMNS, changeFreeText, freeTexts } from './free-text.ts';
import { codePointLength } from './inspect.ts';

const target = { column: fc.constantFrom(...FREE_TEXT_COLUMNS), index: fc.nat() };
const PLACES = ['leading', 'trailing', 'inner', 'only'] as const;
type Place = (typeof PLACES)[number];

/** Puts `piece` at the start, the end, the middle (between two code points) of a text, or makes it the whole text. */
function place(text: string, piece: string, where: Place): string {
  if (where === 'only') return piece;
  if (where === 'leading') return `${piece}${text}`;
  if (where === 'trailing') return `${text}${piece}`;
  const cps = [...(codePointLength(text) >= 2 ? text : `${text}가나`)];
  const mid = Math.floor(cps.length / 2);
  return [...cps.slice(0, mid), piece, ...cps.slice(mid)].join('');
}

/** Whitespace a trim would eat, or a collapse would fold: ASCII, NO-BREAK SPACE, IDEOGRAPHIC SPACE, EM SPACE, and runs of them. */
export const WHITESPACE = [' ', '  ', '\t', '\n', '\r\n', '\u00A0', '\u3000', '\u2003', ' \u3000 ', '\u00A0\u00A0'] as const;

export const textEdgeWhitespace = defineAnomaly({
  id: 'text_edge_whitespace',
  description: 'whitespace leading, trailing, inside (a run) or alone in theme/reward/habit names/reflection values: ASCII, tab, newline, U+00A0, U+3000, U+2003',
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.record({ ...target, ws: fc.constantFrom(...WHITESPACE), where: fc.constantFrom(...PLACES) }, { noNullPrototype: true }),
  apply: (draft, { column, index, ws, where }) => changeFreeText(draft, { column, index }, (old) => place(old, ws, where)),
  detect: (row) => freeTexts(row).some((t) => /^\s|\s$|\s\s|[^\S ]/u.test(t)),
});

export const textEmptyString = defineAnomaly({
  id: 'text_empty_string',
  description: "'' (the empty string, not NULL) as theme, reward or a reflection value",
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.record({ column: fc.constantFrom('theme', 'reward', 'reflection_value'), index: fc.nat() }, { noNullPrototype: true }),
  apply: (draft, t) => changeFreeText(draft, t, () => ''),
  detect: (row) => row.theme === '' || row.reward === '' || (freeTexts({ theme: null, reward: null, habits: null, reflection: row.reflection }).includes('')),
});

/** Text whose NFD differs from its NFC: Hangul syllables, Latin with diacritics. */
const DECOMPOSABLE = ['서연이의 주', 'café', 'Zoë', '한글 날'] as const;

export const textNfd = defineAnomaly({
  id: 'text_nfd',
  description: 'free text in NFD (Hangul as conjoining jamo, é as e + U+0301) where the app writes NFC',
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.record({ ...target, extra: fc.constantFrom(...DECOMPOSABLE) }, { noNullPrototype: true }),
  apply: (draft, { column, index, extra }) =>
    changeFreeText(draft, { column, index }, (old) => (old.normalize('NFD') !== old.normalize('NFC') ? old : `${old}${extra}`).normalize('NFD')),
  detect: (row) => freeTexts(row).some((t) => t !== t.normalize('NFC')),
});

/** ZERO WIDTH SPACE, NON-JOINER, JOINER, WORD JOINER, BOM (ZERO WIDTH NO-BREAK SPACE), SOFT HYPHEN. */
export const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'] as const;
const ZERO_WIDTH_CHAR = /[\u200B-\u200D\u2060\uFEFF\u00AD]/u;

export const textZeroWidth = defineAnomaly({
  id: 'text_zero_width',
  description: 'a zero-width character (U+200B…U+200D, U+2060, U+FEFF, U+00AD) at the start, the end, inside or alone in free text',
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.record({ ...target, char: fc.constantFrom(...ZERO_WIDTH), where: fc.constantFrom(...PLACES) }, { noNullPrototype: true }),
  apply: (draft, { column, index, char, where }) => changeFreeText(draft, { column, index }, (old) => place(old, char, where)),
  detect: (row) => freeTexts(row).some((t) => ZERO_WIDTH_CHAR.test(t)),
});

/** Code points of a very long text: past the TOAST threshold (2 kB), past a btree entry (2704 bytes), well beyond. */
export const LONG_LENGTHS = [1_000, 2_705, 10_000] as const;
export const VERY_LONG = LONG_LENGTHS[0];

/** `n` code points of Hangul syllables and spaces that a compressor cannot fold much (a varied sequence, from `seed`). */
export function longText(n: number, seed: number): string {
  let x = (seed % 9973) + 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 48271) % 2147483647;
    out += i % 6 === 5 ? ' ' : String.fromCodePoint(0xac00 + (x % 11172));
  }
  return out;
}

export const textVeryLong = defineAnomaly({
  id: 'text_very_long',
  description: 'a very long free text: 1 000, 2 705 or 10 000 code points of varied Hangul',
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.record({ ...target, length: fc.constantFrom(...LONG_LENGTHS), seed: fc.nat() }, { noNullPrototype: true }),
  apply: (draft, { column, index, length, seed }) => changeFreeText(draft, { column, index }, () => longText(length, seed)),
  detect: (row) => freeTexts(row).some((t) => codePointLength(t) >= VERY_LONG),
});
