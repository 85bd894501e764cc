/**
 * Typed errors of the database layer.
 *
 * `InfraError` means "the harness could not get a working Postgres": nothing was verified, so the CLI
 * exits with {@link INFRA_EXIT_CODE} (3) instead of reporting a failed property. Its message is one line:
 * what went wrong, where (a redacted URI or host:port, never a password) and what to do.
 */

/** Exit code of the CLI when the infrastructure (not the code under test) failed. */
export const INFRA_EXIT_CODE = 3;

export interface InfraErrorInit {
  /** What failed, e.g. `cannot connect to Postgres`. */
  what: string;
  /** Where: a redacted URI, host:port or path. Never contains a password. */
  where: string;
  /** What to do about it, e.g. `start Postgres there or use --pg embedded`. */
  hint: string;
  cause?: unknown;
  /** Overrides the code taken from `cause`. */
  code?: string;
}

export class InfraError extends Error {
  override readonly name = 'InfraError';
  readonly exitCode = INFRA_EXIT_CODE;
  readonly what: string;
  readonly where: string;
  readonly hint: string;
  /** Postgres's SQLSTATE (e.g. `28P01`) or the system error code (e.g. `ECONNREFUSED`) of the cause. */
  readonly code?: string;

  constructor(init: InfraErrorInit) {
    super(oneLine(`${init.what} at ${init.where}: ${init.hint}`), { cause: init.cause });
    this.what = init.what;
    this.where = init.where;
    this.hint = init.hint;
    const code = init.code ?? codeOf(init.cause);
    if (code !== undefined) this.code = code;
  }
}

/** The `code` of a pg `DatabaseError` (SQLSTATE) or of a Node system error, if any. */
export function codeOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * The server is not the PostgreSQL major that was asked for (`--pg url --pg-version N` against a
 * server running another major). The request is wrong, not the infrastructure: exit code 2.
 */
export class ServerVersionError extends Error {
  override readonly name = 'ServerVersionError';
  readonly exitCode = 2;
  constructor(
    readonly expected: number,
    readonly received: number,
    readonly where: string,
    readonly hint = `drop --pg-version to run on the server's PostgreSQL ${received}, or point DATABASE_URL at a PostgreSQL ${expected} server`,
  ) {
    super(`--pg-version ${expected} asked for PostgreSQL ${expected}, but the server at ${where} runs PostgreSQL ${received}`);
  }
}
