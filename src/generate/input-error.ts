/** An input file the harness was given is malformed: names the file, where, what, and what to do. */
export class InputError extends Error {
  /** CLI exit code for bad input. */
  readonly exitCode = 2;
  override readonly name = 'InputError';

  constructor(
    /** The file as the user named it. */
    readonly file: string,
    /** Where in the file: `line 3, column 7`, `rows[4] (id 17).habits`, … */
    readonly location: string,
    /** What is wrong (without file and location). */
    readonly reason: string,
    /** What to do about it. */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${location}: ${reason}`, options);
  }
}
