import { InfraError, codeOf } from './errors.ts';
import { hostPortOf, redactUri } from './redact-uri.ts';

const WHAT_TO_DO = 'check DATABASE_URL (or use --pg embedded, the default)';

/**
 * Turns a failed connection attempt into a one-line {@link InfraError} naming host:port (never the
 * password) and saying what to do. Postgres's SQLSTATE / the system error code is kept as `code`.
 */
export function connectionError(uri: string, err: unknown): InfraError {
  const where = hostPortOf(uri) ?? redactUri(uri);
  const code = codeOf(err);
  const reason = reasonFor(code, err);
  return new InfraError({ what: `cannot connect to Postgres (${reason})`, where, hint: WHAT_TO_DO, cause: err });
}

function reasonFor(code: string | undefined, err: unknown): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused: nothing is listening there';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable or timed out';
    case '28P01':
    case '28000':
      return 'authentication failed: wrong user or password';
    case '3D000':
      return 'database does not exist';
    case '57P03':
      return 'the server is starting up or shutting down';
    case '53300':
      return 'too many connections';
    default: {
      const message = err instanceof Error ? err.message : String(err);
      // pg's own messages never contain the password; keep them short and on one line.
      return message.replace(/\s+/g, ' ').slice(0, 160) || 'unknown error';
    }
  }
}
