/**
 * Replaces the password of a connection string with `***`, for every error message and log line.
 * Works on `postgres://user:pass@host/db` URLs, on strings `URL` cannot parse, and on
 * keyword/value strings (`password=secret`).
 */
export function redactUri(uri: string): string {
  try {
    const url = new URL(uri);
    if (url.password !== '') {
      url.password = '***';
      return url.toString();
    }
  } catch {
    // not a URL: fall through to the patterns below
  }
  return uri
    .replace(/(\/\/[^:/@\s]*:)[^@]*@/, '$1***@') // scheme://user:pass@ (pass may hold anything but @)
    .replace(/^([^:/@\s]+:)[^@/]*@/, '$1***@') // user:pass@host without a scheme
    .replace(/(password\s*=\s*)('[^']*'|\S+)/gi, '$1***');
}

/** `host:port` of a connection URL (default port 5432), or `undefined` when it cannot be parsed. */
export function hostPortOf(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.hostname === '') return undefined;
    return `${url.hostname}:${url.port === '' ? '5432' : url.port}`;
  } catch {
    return undefined;
  }
}

/** The same URL pointing at another database. */
export function withDatabase(uri: string, database: string): string {
  const url = new URL(uri);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
