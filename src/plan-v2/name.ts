/** The plan as written, as an implementation: its name on the command line (`--impl plan-v2`) and in reports. */
export const PLAN_V2 = 'plan-v2';
