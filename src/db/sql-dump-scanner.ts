/**
 * Cuts a SQL dump into statements as it is read, chunk by chunk: top-level `;` ends a statement;
 * quotes ('', E'', "", $tag$), comments (--, nested /* *\/) and psql meta-commands (a line that
 * starts with `\` between statements, e.g. pg_dump's `\restrict <key>`) are recognised. Memory holds
 * one chunk plus the statement being read, whatever the file's size.
 */
import { InputError } from '../generate/input-error.ts';

export interface ScannedStatement {
  kind: 'sql' | 'meta';
  /** The statement from its first significant character to its `;` (meta: the line, without `\n`). */
  text: string;
  /** 1-based line of its first character. */
  line: number;
}

type Mode = 'normal' | 'quote' | 'escape-quote' | 'ident' | 'line-comment' | 'block-comment' | 'dollar';

/** Room left at the end of a chunk so that two-character tokens and dollar tags are never cut in two. */
const LOOKAHEAD = 130;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/y;
const IDENT_CHAR = /[\w$\u0080-\uffff]/;
const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v']);

export async function* scanSqlDump(chunks: AsyncIterable<string>, file: string): AsyncGenerator<ScannedStatement> {
  let buf = '';
  let i = 0;
  let line = 1;
  let mode: Mode = 'normal';
  let depth = 0;
  let tag = '';
  let start = -1;
  let startLine = 0;
  let openedAt = 0;
  let ended = false;
  const iterator = chunks[Symbol.asyncIterator]();
  for (;;) {
    if (!ended) {
      const next = await iterator.next();
      if (next.done) ended = true;
      else buf += next.value.replace(/\r\n?/g, '\n');
    }
    const limit = ended ? buf.length : buf.length - LOOKAHEAD;
    scan: while (i < limit) {
      const c = buf[i]!;
      if (c === '\n') line++;
      switch (mode) {
        case 'normal':
          if (c === '-' && buf[i + 1] === '-') {
            mode = 'line-comment';
            i++;
          } else if (c === '/' && buf[i + 1] === '*') {
            mode = 'block-comment';
            depth = 1;
            openedAt = line;
            i++;
          } else if (c === '\\' && start < 0) {
            const eol = buf.indexOf('\n', i);
            if (eol < 0 && !ended) break scan;
            const end = eol < 0 ? buf.length : eol;
            yield { kind: 'meta', text: buf.slice(i, end).trimEnd(), line };
            i = end - 1;
          } else if (c === ';') {
            if (start >= 0) yield { kind: 'sql', text: buf.slice(start, i + 1), line: startLine };
            start = -1;
          } else if (!WHITESPACE.has(c)) {
            if (start < 0) {
              start = i;
              startLine = line;
            }
            if (c === "'") {
              mode = (buf[i - 1] === 'E' || buf[i - 1] === 'e') && !IDENT_CHAR.test(buf[i - 2] ?? ' ') ? 'escape-quote' : 'quote';
              openedAt = line;
            } else if (c === '"') {
              mode = 'ident';
              openedAt = line;
            } else if (c === '$' && !IDENT_CHAR.test(buf[i - 1] ?? ' ')) {
              DOLLAR_TAG.lastIndex = i;
              const m = DOLLAR_TAG.exec(buf);
              if (m) {
                mode = 'dollar';
                tag = m[0];
                openedAt = line;
                i += tag.length - 1;
              }
            }
          }
          break;
        case 'quote':
        case 'escape-quote':
          if (c === '\\' && mode === 'escape-quote') {
            if (buf[i + 1] === '\n') line++;
            i++;
          } else if (c === "'") {
            if (buf[i + 1] === "'") i++;
            else mode = 'normal';
          }
          break;
        case 'ident':
          if (c === '"') {
            if (buf[i + 1] === '"') i++;
            else mode = 'normal';
          }
          break;
        case 'line-comment':
          if (c === '\n') mode = 'normal';
          break;
        case 'block-comment':
          if (c === '*' && buf[i + 1] === '/') {
            i++;
            if (--depth === 0) mode = 'normal';
          } else if (c === '/' && buf[i + 1] === '*') {
            i++;
            depth++;
          }
          break;
        case 'dollar':
          if (c === '$' && buf.startsWith(tag, i)) {
            i += tag.length - 1;
            mode = 'normal';
          }
          break;
      }
      i++;
    }
    if (ended && i >= buf.length) break;
    // Keep only what the current statement still needs.
    const keep = start >= 0 ? start : i;
    buf = buf.slice(keep);
    i -= keep;
    if (start >= 0) start = 0;
  }
  if (mode === 'quote' || mode === 'escape-quote' || mode === 'ident' || mode === 'dollar' || mode === 'block-comment') {
    const what = { quote: 'quoted string', 'escape-quote': 'quoted string', ident: 'quoted identifier', dollar: `dollar-quoted string ${tag}`, 'block-comment': '/* comment' }[mode];
    throw new InputError(file, `line ${openedAt}`, `unterminated ${what}: the file ends inside it`, 'the dump is cut short or a quote is unbalanced: dump it again');
  }
  if (start >= 0) yield { kind: 'sql', text: buf.slice(start), line: startLine };
}
