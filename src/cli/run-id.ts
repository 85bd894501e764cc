/** A run directory's id: the start time (file-name safe) and what ran, e.g. `2026-11-27T00-45-37-980-phase-0-5`. */
export function runIdOf(at: Date, ...parts: Array<string | number>): string {
  return [at.toISOString().replace(/[:.]/g, '-').replace(/Z$/, ''), ...parts].join('-');
}
