/**
 * Replaces every connection-string password in `text` with `***`: `postgres://user:PASSWORD@host`
 * and `postgresql://…` URLs (also a password holding a raw `@`), and keyword/value forms
 * (`password=…`, `PGPASSWORD=…`). Applied to every rendered report file before it is written.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, '$1***@')
    .replace(KEYWORD_PASSWORD, '$1***');
}

// user part, then the shortest password after which the host part holds no further `@`.
const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/@\s]*:)\S*?@(?=[^@\s/]*(?:[/?#\s"'<>&,;|)\]}`]|$))/gi;
const KEYWORD_PASSWORD = /(\b(?:PG)?password\s*=\s*)('[^']*'|"[^"]*"|[^\s&;,"'<>]+)/gi;
