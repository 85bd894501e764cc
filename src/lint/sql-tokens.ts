/**
 * A small PostgreSQL lexer: enough to split statements and to run the lint's rules, not a parser.
 * It knows comments (`--`, nested `/* *\/`), string constants ('…' with '' escapes, E'…' with
 * backslash escapes), quoted identifiers, and dollar quotes ($$…$$, $tag$…$tag$). Unterminated
 * constructs run to the end of the input instead of failing.
 */
export type TokenKind =
  | 'space'
  | 'line-comment'
  | 'block-comment'
  | 'string'
  | 'dollar'
  | 'quoted-ident'
  | 'word'
  | 'number'
  | 'punct';

export interface Token {
  kind: TokenKind;
  /** Absolute offsets into the source string given to {@link tokenize}. */
  start: number;
  end: number;
  /** For `string` / `dollar`: where the literal's content starts and ends (quotes / tags excluded). */
  contentStart?: number;
  contentEnd?: number;
}

const isWordStart = (c: string): boolean => /[A-Za-z_\u0080-\uFFFF]/.test(c);
const isWordPart = (c: string): boolean => /[A-Za-z0-9_$\u0080-\uFFFF]/.test(c);

/** Tokenize `source[from, to)`; offsets in the result are absolute positions in `source`. */
export function tokenize(source: string, from = 0, to = source.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = source[i]!;
    const next = source[i + 1];
    const start = i;
    if (/\s/.test(c)) {
      while (i < to && /\s/.test(source[i]!)) i++;
      tokens.push({ kind: 'space', start, end: i });
    } else if (c === '-' && next === '-') {
      while (i < to && source[i] !== '\n') i++;
      tokens.push({ kind: 'line-comment', start, end: i });
    } else if (c === '/' && next === '*') {
      i = endOfBlockComment(source, i, to);
      tokens.push({ kind: 'block-comment', start, end: i });
    } else if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) {
      const quote = c === "'" ? i : i + 1;
      const end = endOfString(source, quote, to, c !== "'");
      tokens.push({ kind: 'string', start, end, contentStart: quote + 1, contentEnd: Math.max(quote + 1, end - 1) });
      i = end;
    } else if (c === '"') {
      i++;
      while (i < to) {
        if (source[i] === '"' && source[i + 1] === '"') i += 2;
        else if (source[i] === '"') {
          i++;
          break;
        } else i++;
      }
      tokens.push({ kind: 'quoted-ident', start, end: i });
    } else if (c === '$' && dollarTagAt(source, i, to) !== undefined) {
      const tag = dollarTagAt(source, i, to)!;
      const close = source.indexOf(tag, i + tag.length);
      const contentEnd = close === -1 || close >= to ? to : close;
      const end = close === -1 || close >= to ? to : close + tag.length;
      tokens.push({ kind: 'dollar', start, end, contentStart: i + tag.length, contentEnd });
      i = end;
    } else if (isWordStart(c)) {
      while (i < to && isWordPart(source[i]!)) i++;
      tokens.push({ kind: 'word', start, end: i });
    } else if (/[0-9]/.test(c)) {
      while (i < to && /[0-9.eE_]/.test(source[i]!)) i++;
      tokens.push({ kind: 'number', start, end: i });
    } else {
      i++;
      tokens.push({ kind: 'punct', start, end: i });
    }
  }
  return tokens;
}

/** `$tag$` / `$$` starting at i, or undefined (`$1` is a parameter, not a dollar quote). */
function dollarTagAt(source: string, i: number, to: number): string | undefined {
  let j = i + 1;
  if (j < to && source[j] === '$') return '$$';
  if (j >= to || !isWordStart(source[j]!)) return undefined;
  while (j < to && /[A-Za-z0-9_\u0080-\uFFFF]/.test(source[j]!)) j++;
  return j < to && source[j] === '$' ? source.slice(i, j + 1) : undefined;
}

function endOfBlockComment(source: string, i: number, to: number): number {
  let depth = 0;
  while (i < to) {
    if (source[i] === '/' && source[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (source[i] === '*' && source[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return to;
}

function endOfString(source: string, quote: number, to: number, backslashEscapes: boolean): number {
  let i = quote + 1;
  while (i < to) {
    const c = source[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === "'" && source[i + 1] === "'") i += 2;
    else if (c === "'") return i + 1;
    else i++;
  }
  return to;
}

export const isTrivia = (t: Token): boolean =>
  t.kind === 'space' || t.kind === 'line-comment' || t.kind === 'block-comment';

/** The value of a `string` token ('' and \' unescaped only as far as rules need: quotes). */
export function stringValue(source: string, t: Token): string {
  return source.slice(t.contentStart ?? t.start, t.contentEnd ?? t.end).replace(/''/g, "'");
}
