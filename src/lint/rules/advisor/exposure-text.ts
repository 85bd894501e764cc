/**
 * How an object ended up open to the API roles, for the advisor rules' messages: by the privileges new
 * objects get (`defaults`), or by a GRANT in the same unit.
 */
import type { ApiObject } from './api-objects.ts';

/** E.g. `anon keeps the EXECUTE that PUBLIC gets on new functions, and a GRANT in this step gives it to authenticated`. */
export function howExposed(o: Pick<ApiObject, 'exposedTo' | 'grantedTo'>, defaults: string): string {
  const byDefault = o.exposedTo.filter((r) => !o.grantedTo.includes(r));
  const parts: string[] = [];
  if (byDefault.length > 0) parts.push(`${byDefault.join(' and ')} ${byDefault.length === 1 ? 'keeps' : 'keep'} ${defaults}`);
  if (o.grantedTo.length > 0) parts.push(`a GRANT in this step gives it to ${o.grantedTo.join(' and ')}`);
  return parts.join(', and ');
}

/** Who can use it: the weakest credential among the roles. */
export function whoCan(o: Pick<ApiObject, 'exposedTo'>): string {
  return o.exposedTo.includes('anon') ? 'anyone holding the anon key (every client ships it)' : 'any signed-in user';
}

/** Where EXECUTE on a new function comes from. */
export const EXECUTE_DEFAULTS =
  "the EXECUTE that PostgreSQL grants PUBLIC on new functions and Supabase's automatic grants give the API roles";
