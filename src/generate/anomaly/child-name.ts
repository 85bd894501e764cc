/**
 * Anomalies of the child name's text. Lengths count Unicode code points, as Postgres `length()` does;
 * the padded names always contain astral emoji so JS `.length` (UTF-16 units) is larger.
 */
import fc from 'fast-check';
import { defineAnomaly } from './define.ts';
import { codePointLength, codePointSlice } from './inspect.ts';

/** Padding for the long names: emoji (astral, with modifiers and ZWJ sequences), Hangul, a combining mark. */
export const NAME_PADDING = ['🦷', '👧🏻', '👨‍👩‍👧', '가', 'e\u0301', '★'] as const;

function paddedName(base: string, pieces: readonly string[], length: number): string {
  const head = `${codePointSlice(base, 20)}🌟`;
  const fill = pieces.join('');
  let name = head;
  while (codePointLength(name) < length) name += fill;
  return codePointSlice(name, length);
}

const paddingParams = fc.array(fc.constantFrom(...NAME_PADDING), { minLength: 1, maxLength: 4, size: 'max' });

export const childNameEmpty = defineAnomaly({
  id: 'child_name_empty',
  description: 'child_name is the empty string (0 code points)',
  treatment: { kind: 'quarantine', reason: 'child_name_length' },
  params: fc.constant(null),
  apply(draft) {
    draft.child_name = '';
    return true;
  },
  detect: (row) => row.child_name === '',
});

export const childName100CodePoints = defineAnomaly({
  id: 'child_name_100_code_points',
  description: 'child_name of exactly 100 code points (the limit), with emoji so JS .length exceeds 100',
  treatment: { kind: 'as_is', rule: 'text' },
  params: paddingParams,
  apply(draft, pieces) {
    draft.child_name = paddedName(draft.child_name, pieces, 100);
    return true;
  },
  detect: (row) => codePointLength(row.child_name) === 100,
});

export const childName101CodePoints = defineAnomaly({
  id: 'child_name_101_code_points',
  description: 'child_name of 101 code points (one over the limit), with emoji',
  treatment: { kind: 'quarantine', reason: 'child_name_length' },
  params: paddingParams,
  apply(draft, pieces) {
    draft.child_name = paddedName(draft.child_name, pieces, 101);
    return true;
  },
  detect: (row) => codePointLength(row.child_name) > 100,
});

export const CHILD_EMOJI = ['🦖', '👧🏻', '👨‍👩‍👧', '🐰', '❤️', '🇰🇷'] as const;

export const childNameEmoji = defineAnomaly({
  id: 'child_name_emoji',
  description: 'an emoji in the child name (astral, skin tone modifier, ZWJ sequence, variation selector, flag)',
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.record({ emoji: fc.constantFrom(...CHILD_EMOJI), prefix: fc.boolean() }, { noNullPrototype: true }),
  apply(draft, { emoji, prefix }) {
    // A name within the limit stays within it (an emoji is not a length anomaly): cut the name to make room.
    const length = codePointLength(draft.child_name);
    const room = 100 - codePointLength(emoji);
    const name = length <= 100 && length > room ? codePointSlice(draft.child_name, room) : draft.child_name;
    draft.child_name = prefix ? `${emoji}${name}` : `${name}${emoji}`;
    return true;
  },
  detect: (row) => /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(row.child_name),
});

/** Names with combining marks: decomposed Latin (Zoë, José) and a mark after a Hangul syllable. */
export const COMBINING_NAMES = ['Zoe\u0308', 'Jose\u0301', 'Chloe\u0308', '\u20DD'] as const;

export const childNameCombiningMark = defineAnomaly({
  id: 'child_name_combining_mark',
  description: 'a combining mark in the child name (decomposed Zoë / José, an enclosing circle after Hangul)',
  treatment: { kind: 'as_is', rule: 'text' },
  params: fc.constantFrom(...COMBINING_NAMES),
  apply(draft, name) {
    draft.child_name = name === '\u20DD' ? `${codePointSlice(draft.child_name, 50)}\u20DD` : name;
    return true;
  },
  detect: (row) => /\p{M}/u.test(row.child_name),
});
