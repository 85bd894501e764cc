/**
 * Reads a dataset document (`{ "users": [...], "rows": [...], "anomalies": {...} }`, as `toJson`
 * writes it) chunk by chunk and yields its users, rows and anomaly entries one at a time, each
 * JSON.parse'd on its own: memory holds one chunk and one element, whatever the file's size. Syntax
 * errors are InputErrors at `line L, column C` of the file, as parseJsonDataset reports them.
 */
import { InputError } from './input-error.ts';
import { DATASET_KEYS, failIn, type Fail, jsonErrorDetail, kind, syntaxLocation, unknownTopLevelKey } from './parse-dataset.ts';

export type DatasetItem =
  | { section: 'users' | 'rows'; index: number; value: unknown }
  | { section: 'anomalies'; key: string; value: unknown };

const SYNTAX_HINT = 'fix the JSON syntax at that place';

class Reader {
  buf = '';
  pos = 0;
  /** Line and offset (in the file) of the start of `buf`'s current line. */
  line = 1;
  lineStart = 0;
  /** Characters dropped from the front of `buf`. */
  dropped = 0;
  ended = false;
  private readonly iterator: AsyncIterator<string>;

  constructor(
    chunks: AsyncIterable<string>,
    readonly file: string,
  ) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  /** Reads one more chunk, keeping `buf` from `keep` on; false at the end of the file. */
  async more(keep = this.pos): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.dropped += keep;
    this.buf = this.buf.slice(keep) + next.value;
    this.pos -= keep;
    return true;
  }

  /** Skips whitespace; the next character (undefined at the end of the file). */
  async peek(): Promise<string | undefined> {
    for (;;) {
      while (this.pos < this.buf.length) {
        const c = this.buf[this.pos]!;
        if (c === '\n') this.newline(this.pos);
        else if (c !== ' ' && c !== '\t' && c !== '\r') return c;
        this.pos++;
      }
      if (!(await this.more())) return undefined;
    }
  }

  /** Consumes `c` (after whitespace) or fails with a syntax error. */
  async expect(c: string, what: string): Promise<void> {
    const got = await this.peek();
    if (got !== c) this.syntax(got === undefined ? 'Unexpected end of JSON input' : `${what}, got ${JSON.stringify(got)}`);
    this.pos++;
  }

  /** The next complete JSON value, parsed (the reader stands after it). */
  async value(): Promise<unknown> {
    const first = await this.peek();
    if (first === undefined) this.syntax('Unexpected end of JSON input');
    const start = this.pos;
    const line = this.line;
    const column = this.dropped + start - this.lineStart + 1;
    let depth = 0;
    let inString = false;
    let i = start;
    for (;;) {
      if (i >= this.buf.length) {
        const keep = this.pos;
        if (!(await this.more(keep))) break;
        i -= keep;
        continue;
      }
      const c = this.buf[i]!;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') {
          inString = false;
          if (depth === 0) {
            i++;
            break;
          }
        }
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        if (--depth === 0) {
          i++;
          break;
        }
      } else if (depth === 0 && (c === ',' || c === ' ' || c === '\n' || c === '\t' || c === '\r')) break;
      i++;
    }
    const text = this.buf.slice(this.pos, i);
    for (let k = this.pos; k < i; k++) if (this.buf.charCodeAt(k) === 10) this.newline(k);
    this.pos = i;
    try {
      return JSON.parse(text);
    } catch (error) {
      const at = syntaxLocation(text);
      const m = /^line (\d+), column (\d+)$/.exec(at);
      const where = m ? (m[1] === '1' ? `line ${line}, column ${column + Number(m[2]) - 1}` : `line ${line + Number(m[1]) - 1}, column ${m[2]}`) : this.ended ? 'end of file' : `line ${line}, column ${column}`;
      throw new InputError(this.file, where, `not valid JSON: ${jsonErrorDetail(error)}`, SYNTAX_HINT, { cause: error });
    }
  }

  syntax(detail: string): never {
    const where = this.pos >= this.buf.length && this.ended ? 'end of file' : `line ${this.line}, column ${this.dropped + this.pos - this.lineStart + 1}`;
    throw new InputError(this.file, where, `not valid JSON: ${detail}`, SYNTAX_HINT);
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = this.dropped + at + 1;
  }
}

/**
 * The items of the document in file order. Yields nothing for a file of blank space only (the
 * caller says it is empty). Shape errors of the document itself ($, $.users, …) are InputErrors.
 */
export async function* scanDatasetJson(chunks: AsyncIterable<string>, file: string): AsyncGenerator<DatasetItem> {
  const r: Reader = new Reader(chunks, file);
  const fail: Fail = failIn(file);
  const first = await r.peek();
  if (first === undefined) return;
  if (first !== '{') fail('$', `expected an object { "users", "rows" }, got ${kind(await r.value())}`);
  r.pos++;
  const seen = new Set<string>();
  if ((await r.peek()) === '}') r.pos++;
  else {
    for (;;) {
      const key = await r.value();
      if (typeof key !== 'string') r.syntax('Expected a property name');
      await r.expect(':', "Expected ':' after property name");
      if (!(DATASET_KEYS as readonly string[]).includes(key)) unknownTopLevelKey(key, fail);
      seen.add(key);
      const open = key === 'anomalies' ? '{' : '[';
      const close = key === 'anomalies' ? '}' : ']';
      if ((await r.peek()) !== open) {
        const v = await r.value();
        fail(`$.${key}`, key === 'anomalies' ? `expected an object { "<row id>": [anomaly ids] }, got ${kind(v)}` : `expected an array, got ${kind(v)}`);
      }
      r.pos++;
      if ((await r.peek()) === close) r.pos++;
      else {
        for (let index = 0; ; index++) {
          if (key === 'anomalies') {
            const entry = await r.value();
            if (typeof entry !== 'string') r.syntax('Expected a property name');
            await r.expect(':', "Expected ':' after property name");
            yield { section: 'anomalies', key: entry, value: await r.value() };
          } else {
            yield { section: key as 'users' | 'rows', index, value: await r.value() };
          }
          const next = await r.peek();
          if (next === close) {
            r.pos++;
            break;
          }
          await r.expect(',', `Expected ',' or '${close}' after ${key === 'anomalies' ? 'property value' : 'array element'}`);
        }
      }
      const next = await r.peek();
      if (next === '}') {
        r.pos++;
        break;
      }
      await r.expect(',', "Expected ',' or '}' after property value");
    }
  }
  if ((await r.peek()) !== undefined) r.syntax('Unexpected non-whitespace character after JSON');
  for (const key of ['users', 'rows'] as const) if (!seen.has(key)) fail(`$.${key}`, `expected an array, got ${kind(undefined)}`);
}
