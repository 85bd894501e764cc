/** Anomalies of the owner column (user_id): null, unknown to auth.users, the plan's all-zero fallback. */
import fc from 'fast-check';
import { defineAnomaly } from './define.ts';
import { NIL_UUID, datasetIndex } from './inspect.ts';

export const ownerNull = defineAnomaly({
  id: 'owner_null',
  description: 'user_id is null',
  treatment: { kind: 'quarantine', reason: 'owner_null' },
  params: fc.constant(null),
  apply(draft) {
    draft.user_id = null;
    return true;
  },
  detect: (row) => row.user_id === null,
});

export const ownerUnknown = defineAnomaly({
  id: 'owner_unknown',
  relational: true,
  description: 'user_id is a uuid that auth.users does not have (the account was deleted)',
  treatment: { kind: 'quarantine', reason: 'owner_unknown' },
  params: fc.uuid({ version: 4 }),
  apply(draft, uuid, ctx) {
    draft.user_id = ctx.freshOwner(uuid, false);
    return true;
  },
  detect: (row, dataset) => row.user_id !== null && row.user_id !== NIL_UUID && !datasetIndex(dataset).users.has(row.user_id),
});

export const ownerNilUuid = defineAnomaly({
  id: 'owner_nil_uuid',
  relational: true,
  description: "user_id is the all-zero uuid (the plan's fallback for a null owner), not an account",
  treatment: { kind: 'quarantine', reason: 'owner_unknown' },
  params: fc.constant(null),
  apply(draft) {
    draft.user_id = NIL_UUID;
    return true;
  },
  detect: (row, dataset) => row.user_id === NIL_UUID && !datasetIndex(dataset).users.has(NIL_UUID),
});
