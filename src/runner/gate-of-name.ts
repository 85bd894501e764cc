/**
 * The gate a property belongs to when no gate list is at hand: the prefix of its name
 * (`phase-0/round-trip` → `phase-0`). Property names are `<gate>/<name>`; a test holds every entry of
 * properties/index.ts GATES to it, so this and the gate list never disagree.
 */
export function gateOfName(property: string): string {
  const slash = property.indexOf('/');
  return slash > 0 ? property.slice(0, slash) : property;
}
