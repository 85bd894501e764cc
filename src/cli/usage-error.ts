/** The command line or an input file is wrong: exit code 2, and the message says what to do. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}
