/**
 * Anomalies of identity: which children are the same child. A child is (owner, exact name); these
 * rows copy an owner or a name from an earlier clean row, so they need one (row 0 never carries them).
 */
import fc from 'fast-check';
import { defineAnomaly } from './define.ts';
import { datasetIndex, nearDuplicateKey, weekKey } from './inspect.ts';

export const sameChildNameOtherFamily = defineAnomaly({
  id: 'same_child_name_other_family',
  relational: true,
  description: 'the child name of an earlier row, under another owner: two families, two children',
  treatment: { kind: 'as_is', rule: 'child_identity' },
  params: fc.record({ source: fc.nat(), newOwner: fc.uuid({ version: 4 }) }, { noNullPrototype: true }),
  apply(draft, { source, newOwner }, ctx) {
    const candidate = ctx.cleanEarlier.at(source % Math.max(1, ctx.cleanEarlier.length));
    if (!candidate) return false;
    // The same family already: move this row to a new family that has a child of that name too.
    if (draft.user_id === null || draft.user_id === candidate.user_id) draft.user_id = ctx.freshOwner(newOwner, true);
    draft.child_name = candidate.child_name;
    return true;
  },
  detect(row, dataset) {
    if (row.user_id === null) return false;
    const owners = datasetIndex(dataset).ownersByName.get(row.child_name);
    return owners !== undefined && owners.size >= 2;
  },
});

export const nearDuplicateChildNfcNfd = defineAnomaly({
  id: 'near_duplicate_child_nfc_nfd',
  relational: true,
  description: 'the NFD form of an earlier child name of the same owner (Hangul decomposed into jamo)',
  treatment: { kind: 'warn', warning: 'near_duplicate_child' },
  params: fc.record({ source: fc.nat() }, { noNullPrototype: true }),
  apply(draft, { source }, ctx) {
    const candidate = ctx.cleanEarlier.at(source % Math.max(1, ctx.cleanEarlier.length));
    if (!candidate) return false;
    const nfd = candidate.child_name.normalize('NFD');
    if (nfd === candidate.child_name) return false;
    draft.user_id = candidate.user_id;
    draft.child_name = nfd;
    return true;
  },
  detect(row, dataset) {
    if (row.user_id === null) return false;
    const names = datasetIndex(dataset).nfcNames.get(`${row.user_id}\u0001${row.child_name.normalize('NFC')}`);
    return names !== undefined && names.size >= 2;
  },
});

/**
 * Whitespace variants the SQL can see: ASCII space and tab only (see `collapseWhitespace`), never NBSP
 * or other Unicode spaces. `inner_double_space` and `inner_tab` need a space in the name and fall back
 * to a trailing space / trailing tab.
 */
export const WHITESPACE_VARIANTS = ['trailing_space', 'leading_space', 'inner_double_space', 'inner_tab', 'trailing_tab'] as const;

export function whitespaceVariant(name: string, variant: (typeof WHITESPACE_VARIANTS)[number]): string {
  switch (variant) {
    case 'trailing_space':
      return `${name} `;
    case 'leading_space':
      return ` ${name}`;
    case 'inner_double_space':
      return name.includes(' ') ? name.replace(' ', '  ') : `${name} `;
    case 'inner_tab':
      return name.includes(' ') ? name.replace(' ', '\t') : `${name}\t`;
    case 'trailing_tab':
      return `${name}\t`;
  }
}

export const nearDuplicateChildWhitespace = defineAnomaly({
  id: 'near_duplicate_child_whitespace',
  relational: true,
  description: 'an earlier child name of the same owner with ASCII whitespace added (trailing/leading space, double space, tab)',
  treatment: { kind: 'warn', warning: 'near_duplicate_child' },
  params: fc.record({ source: fc.nat(), variant: fc.constantFrom(...WHITESPACE_VARIANTS) }, { noNullPrototype: true }),
  apply(draft, { source, variant }, ctx) {
    const candidate = ctx.cleanEarlier.at(source % Math.max(1, ctx.cleanEarlier.length));
    if (!candidate) return false;
    draft.user_id = candidate.user_id;
    draft.child_name = whitespaceVariant(candidate.child_name, variant);
    return true;
  },
  detect(row, dataset) {
    if (row.user_id === null) return false;
    // a sibling under the near-duplicate key (NFC + whitespace) that whitespace, not only NFC, sets apart
    const names = datasetIndex(dataset).wsNames.get(`${row.user_id}\u0001${nearDuplicateKey(row.child_name)}`) ?? new Set<string>();
    return [...names].some((n) => n.normalize('NFC') !== row.child_name.normalize('NFC'));
  },
});

export const duplicateWeek = defineAnomaly({
  id: 'duplicate_week',
  relational: true,
  description: 'the (owner, exact child name, week_start_date) of an earlier row: the later (higher id) row is the duplicate',
  treatment: { kind: 'quarantine', reason: 'duplicate_week' },
  params: fc.record({ source: fc.nat() }, { noNullPrototype: true }),
  apply(draft, { source }, ctx) {
    const candidate = ctx.cleanEarlier.at(source % Math.max(1, ctx.cleanEarlier.length));
    if (!candidate) return false;
    draft.user_id = candidate.user_id;
    draft.child_name = candidate.child_name;
    draft.week_start_date = candidate.week_start_date;
    return true;
  },
  detect(row, dataset) {
    if (row.user_id === null) return false;
    const min = datasetIndex(dataset).minIdByKey.get(weekKey(row.user_id, row.child_name, row.week_start_date));
    return min !== undefined && min < row.id;
  },
});
