import { reachabilityProperty } from '../support/reachability.ts';

/** phase-1: every path the app takes works as the role it uses (support/reachability.ts). */
export const reachability = reachabilityProperty('phase-1');
