/** A saved counterexample: replayed before random cases on every run, forever. */
export interface SavedRegression {
  /** Path of the fixture file, relative to the project root. */
  file: string;
  property: string;
  seed: number;
  path?: string;
  defect?: string;
  /** The implementation it was found on, when not habit-verify's own (it is replayed only against that one). */
  impl?: string;
  fastCheckVersion: string;
  failure: string;
  /** The failing input itself (seeds replay only against the same arbitraries, so the data is kept). */
  input: unknown;
}
