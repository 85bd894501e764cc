/**
 * No property about data may pass when nothing is migrated: each runs (one case, not shrunk) against
 * our implementation with its backfill emptied afterwards (test/support/nothing-migrated.ts), and
 * must FAIL. Not about data, and so left out: who can reach what (exposure, reachability — grants do
 * not depend on rows) and the read router (pure). rollback/phase-2-cycle loads its rows after Phase 1,
 * whose dual write migrates them without the backfill: it must fail when the backfill does nothing at
 * all (ours then refuses Phase 1).
 */
import { describe, expect, test } from 'vitest';
import { propertiesOf } from './index.ts';
import { runForVitest } from './support/vitest-property.ts';
import { ourMigration } from '../src/migration/implementation.ts';
import { backfillDoesNothing, backfillLost } from '../test/support/nothing-migrated.ts';

const NOT_ABOUT_DATA = /\/(exposure|reachability|router)$/;
const BY_DUAL_WRITE = new Set(['rollback/phase-2-cycle']);

describe('nothing migrated', () => {
  const data = propertiesOf('all').filter((p) => !NOT_ABOUT_DATA.test(p.name));
  test.each(data.map((p) => [p.name, p] as const))('%s fails', async (name, def) => {
    const impl = BY_DUAL_WRITE.has(name) ? backfillDoesNothing(ourMigration) : backfillLost(ourMigration);
    const r = await runForVitest(def, { impl, runs: 1, timeBudgetMs: 1 });
    if (r.verdict === 'skipped') return; // a crash property where the provider cannot crash a server
    expect(r.verdict, `${name}: ${r.failure?.message ?? r.note ?? ''}`).toBe('failed');
  }, 180_000);
});
