import type { Defect } from './defect.ts';
import { withPhase } from './transform.ts';

const ID = 'ddl-without-lock-timeout';

export const ddlWithoutLockTimeout: Defect = {
  id: ID,
  phases: ['phase-3'],
  description: 'Phase 3 DDL runs without lock_timeout: the rename queues behind a long transaction on the legacy table, and every write queues behind the rename for as long.',
  planReference: 'Phase 3: ALTER TABLE … RENAME / DROP TABLE run bare; the plan never sets lock_timeout',
  expectedKillers: ['phase-3/zero-downtime'],
  // broken: "no lock_timeout" is a day
  apply: (impl) => withPhase(impl, 'phase-3', (p) => p.with({ executor: { ...p.executor, lockTimeoutMs: 86_400_000 } })),
};
