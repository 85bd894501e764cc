/**
 * habit-verify's own lint rules, for what squawk 2.66 misses on this migration. Squawk's rules are not
 * rewritten here: CONCURRENTLY inside a transaction, dropping or renaming a table, lock timeouts… are
 * squawk's (`ban-concurrent-index-creation-in-transaction`, `ban-drop-table`, `renaming-table`, …).
 * The Supabase-advisor rules (`advisor/`) mirror splinter's security lints.
 */
import { ADVISOR_RULES } from './advisor/index.ts';
import { deferrableUnique } from './deferrable-unique.ts';
import { dropCascade } from './drop-cascade.ts';
import { notValidOnNewTable } from './not-valid-on-new-table.ts';
import { onConflictDeferrable } from './on-conflict-deferrable.ts';
import type { Rule } from './rule.ts';
import { setUnlogged } from './set-unlogged.ts';
import { triggerEventsIgnored } from './trigger-events-ignored.ts';
import { vacuumFull } from './vacuum-full.ts';
import { wholeTableUpdate } from './whole-table-update.ts';

export type { Rule, RuleContext, RuleHit } from './rule.ts';

export const RULES: readonly Rule[] = [
  setUnlogged,
  vacuumFull,
  onConflictDeferrable,
  deferrableUnique,
  triggerEventsIgnored,
  wholeTableUpdate,
  dropCascade,
  notValidOnNewTable,
  ...ADVISOR_RULES,
];
