/**
 * `GRANT` / `REVOKE` of object privileges, read from a statement's masked code: enough to follow what
 * the API roles (`anon`, `authenticated`, and `PUBLIC`, which every role inherits) may do with a table,
 * view or function. Role membership (`GRANT role TO role`), `REVOKE GRANT OPTION FOR` (the privilege
 * stays) and objects other than relations and functions are not privilege changes here (undefined).
 */
import { baseName, IDENT, QNAME, splitTopLevel, unquote } from '../sql-names.ts';

export type PrivilegeTarget =
  | { kind: 'relation' | 'function'; names: QualifiedName[] }
  | { kind: 'relation' | 'function'; allInSchemas: string[] };

export interface QualifiedName {
  /** Lower-cased / unquoted; undefined when the name is not schema-qualified. */
  schema: string | undefined;
  name: string;
}

export interface PrivilegeChange {
  action: 'grant' | 'revoke';
  /** Upper-case privilege names (`SELECT`, `EXECUTE`, …), or `ALL`. Column lists are dropped. */
  privileges: string[];
  target: PrivilegeTarget;
  /** Lower-case role names; `public` for PUBLIC. */
  roles: string[];
}

const STATEMENT = /^\s*(GRANT|REVOKE)\b([\s\S]*?)\bON\b([\s\S]*?)\b(TO|FROM)\b([\s\S]*?)\s*;?\s*$/i;
const TRAILER = /\s+(?:WITH\s+GRANT\s+OPTION|GRANTED\s+BY\s+\S+|CASCADE|RESTRICT)\b[\s\S]*$/i;
const ALL_IN_SCHEMA = /^\s*ALL\s+(TABLES|FUNCTIONS|ROUTINES)\s+IN\s+SCHEMA\s+([\s\S]+)$/i;
const OBJECTS = /^\s*(?:(TABLE|FUNCTION|ROUTINE)\s+)?([\s\S]+)$/i;
const OTHER_OBJECT =
  /^\s*(?:SEQUENCE|SCHEMA|DATABASE|DOMAIN|TYPE|LANGUAGE|PROCEDURE|TABLESPACE|FOREIGN|LARGE|PARAMETER|ALL\s+(?:SEQUENCES|PROCEDURES))\b/i;

/** The privilege change a statement makes (from `code`, its masked text), or undefined. */
export function privilegeChange(code: string): PrivilegeChange | undefined {
  const m = STATEMENT.exec(code);
  if (!m) return undefined;
  const action = m[1]!.toLowerCase() as 'grant' | 'revoke';
  if ((action === 'grant') !== (m[4]!.toUpperCase() === 'TO')) return undefined;
  let privilegeText = m[2]!;
  if (action === 'revoke' && /^\s*GRANT\s+OPTION\s+FOR\b/i.test(privilegeText)) return undefined;
  privilegeText = privilegeText.replace(/\([^)]*\)/g, ' ');
  const privileges = splitTopLevel(privilegeText, ',')
    .map((p) => p.trim().toUpperCase().replace(/\s+PRIVILEGES$/, '').replace(/\s+/g, ' '))
    .filter((p) => p !== '');
  const target = privilegeTarget(m[3]!);
  if (target === undefined || privileges.length === 0) return undefined;
  const roles = splitTopLevel(m[5]!.replace(TRAILER, ''), ',')
    .map((r) => r.trim().replace(/^GROUP\s+/i, ''))
    .filter((r) => r !== '')
    .map(unquote);
  return { action, privileges, target, roles };
}

function privilegeTarget(text: string): PrivilegeTarget | undefined {
  if (OTHER_OBJECT.test(text)) return undefined;
  const all = ALL_IN_SCHEMA.exec(text);
  if (all) {
    const kind = all[1]!.toUpperCase() === 'TABLES' ? 'relation' : 'function';
    return { kind, allInSchemas: splitTopLevel(all[2]!, ',').map((s) => unquote(s.trim())) };
  }
  const m = OBJECTS.exec(text);
  if (!m) return undefined;
  const kind = m[1] === undefined || m[1].toUpperCase() === 'TABLE' ? 'relation' : 'function';
  const names = splitTopLevel(m[2]!, ',')
    .map((part) => new RegExp(`^\\s*(${QNAME})`).exec(part)?.[1])
    .filter((q): q is string => q !== undefined)
    .map(qualifiedName);
  return names.length > 0 ? { kind, names } : undefined;
}

/** `public."Weeks"` → { schema: 'public', name: 'Weeks' }; `weeks` → { schema: undefined, name: 'weeks' }. */
export function qualifiedName(qname: string): QualifiedName {
  const parts = qname.match(new RegExp(IDENT, 'g')) ?? [qname];
  return { schema: parts.length > 1 ? unquote(parts[parts.length - 2]!.trim()) : undefined, name: baseName(qname) };
}
