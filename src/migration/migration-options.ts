import type { DefectId } from './defects.ts';

/** Options every piece of migration code takes. `defect` switches in one broken variant (the catalogue). */
export interface MigrationOptions {
  defect?: DefectId | undefined;
}

/**
 * Picks the broken or the correct variant of a piece of migration code.
 * The defect catalogue is only useful if each broken variant is a one-line, reviewable difference.
 */
export function variant<T>(opts: MigrationOptions | undefined, defect: DefectId, broken: T, correct: T): T {
  return opts?.defect === defect ? broken : correct;
}
