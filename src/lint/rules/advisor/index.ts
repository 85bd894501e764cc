/**
 * Rules that do statically what Supabase's security advisor (`supabase/splinter`) does on a live
 * database: read each migration unit's SQL for what would leave a table, view or function open to the
 * Data API's roles. See ../../README.md for the table and the splinter lint each one mirrors.
 */
import type { Rule } from '../rule.ts';
import { functionSearchPathMutable } from './function-search-path-mutable.ts';
import { invokerFunctionExecutable } from './invoker-function-executable.ts';
import { materializedViewInApi } from './materialized-view-in-api.ts';
import { rlsDisabledInPublic } from './rls-disabled-in-public.ts';
import { rlsPolicyAlwaysTrue } from './rls-policy-always-true.ts';
import { securityDefinerFunctionExecutable } from './security-definer-function-executable.ts';
import { securityDefinerView } from './security-definer-view.ts';

export const ADVISOR_RULES: readonly Rule[] = [
  rlsDisabledInPublic,
  securityDefinerView,
  functionSearchPathMutable,
  securityDefinerFunctionExecutable,
  materializedViewInApi,
  rlsPolicyAlwaysTrue,
  invokerFunctionExecutable,
];
