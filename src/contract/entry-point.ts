import type { PhaseId } from './phase.ts';

/**
 * A function the app calls over the Data API (PostgREST RPC), as which roles, from which phase on.
 * Everything else an implementation creates in `public` is internal: the access matrix
 * (src/check/access-policy.ts) lets no API role execute it, and never lets anon execute anything.
 */
export interface EntryPoint {
  /** As Postgres prints a regprocedure: `hv_dual_write(text,text,jsonb)`. */
  signature: string;
  roles: ReadonlyArray<'authenticated' | 'service_role'>;
  /** The phase whose apply creates it (it is an entry point from then until that phase is rolled back). */
  from: PhaseId;
  /** Which path of the app calls it. */
  why: string;
}
