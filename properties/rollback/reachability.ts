import { reachabilityProperty } from '../support/reachability.ts';

/** rollback: every path the app takes works as the role it uses (support/reachability.ts). */
export const reachability = reachabilityProperty('rollback');
