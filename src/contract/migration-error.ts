/** A migration step or operation failed. Keeps Postgres's own SQLSTATE `code` when there is one. */
export class MigrationError extends Error {
  readonly step: string | undefined;
  readonly code: string | undefined;
  constructor(message: string, opts: { step?: string; code?: string | undefined; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'MigrationError';
    this.step = opts.step;
    this.code = opts.code;
  }
}
