/**
 * Split a chunk of SQL into statements at top-level semicolons, and split the dollar-quoted bodies of
 * `CREATE FUNCTION` / `CREATE PROCEDURE` / `DO` (plpgsql or sql) into nested statements too, so rules
 * see the SQL a trigger function runs.
 */
import { lineOfOffset, type SqlChunk } from './extract-sql.ts';
import { isTrivia, tokenize, type Token } from './sql-tokens.ts';

export interface Statement {
  readonly chunk: SqlChunk;
  /** Offsets into `chunk.text`: from the first significant token to just past the `;` (or the end). */
  readonly start: number;
  readonly end: number;
  /** The raw text, `chunk.text.slice(start, end)`. */
  readonly text: string;
  /**
   * `text` with comments and the contents of string constants and dollar quotes replaced by spaces
   * (line breaks kept), so regexes over it never match inside a comment or a literal, and an index
   * into `code` is an index into `text`.
   */
  readonly code: string;
  /** Significant tokens (no whitespace or comments), offsets into `chunk.text`. */
  readonly tokens: readonly Token[];
  /** 1-based line (in the original file) of the statement's first token. */
  readonly line: number;
  /** 0 for a top-level statement, 1 + parent's depth inside a function / DO body. */
  readonly depth: number;
  readonly children: readonly Statement[];
}

/** 1-based line in the original file of index `i` of `stmt.code`. */
export function lineAt(stmt: Statement, i: number): number {
  return lineOfOffset(stmt.chunk, stmt.start + i);
}

/** Statements of a chunk, top-level only (nested ones hang off `children`). */
export function splitStatements(chunk: SqlChunk): Statement[] {
  return splitRange(chunk, 0, chunk.text.length, 0);
}

/** Depth-first: every statement followed by its nested ones, in source order. */
export function flattenStatements(statements: readonly Statement[]): Statement[] {
  const out: Statement[] = [];
  const visit = (s: Statement): void => {
    out.push(s);
    s.children.forEach(visit);
  };
  statements.forEach(visit);
  return out;
}

function splitRange(chunk: SqlChunk, from: number, to: number, depth: number): Statement[] {
  const text = chunk.text;
  const tokens = tokenize(text, from, to);
  const statements: Statement[] = [];
  let current: Token[] = [];
  let all: Token[] = [];
  let atomicDepth = 0; // inside a SQL-standard `BEGIN ATOMIC … END` body, where `;` does not end the statement

  const flush = (endToken?: Token): void => {
    const significant = current;
    if (significant.length > 0) {
      const start = significant[0]!.start;
      const end = endToken ? endToken.end : significant[significant.length - 1]!.end;
      statements.push(buildStatement(chunk, start, end, significant, all, depth));
    }
    current = [];
    all = [];
    atomicDepth = 0;
  };

  for (const t of tokens) {
    if (isTrivia(t)) {
      if (current.length > 0) all.push(t);
      continue;
    }
    const w = t.kind === 'word' ? text.slice(t.start, t.end).toUpperCase() : '';
    const prev = current[current.length - 1];
    const prevWord = prev?.kind === 'word' ? text.slice(prev.start, prev.end).toUpperCase() : '';
    if (w === 'ATOMIC' && prevWord === 'BEGIN') atomicDepth = 1;
    else if (atomicDepth > 0 && w === 'CASE') atomicDepth++;
    else if (atomicDepth > 0 && w === 'END') atomicDepth--;
    if (t.kind === 'punct' && text[t.start] === ';' && atomicDepth === 0) {
      current.push(t);
      all.push(t);
      flush(t);
      continue;
    }
    current.push(t);
    all.push(t);
  }
  flush();
  return statements;
}

function buildStatement(
  chunk: SqlChunk,
  start: number,
  end: number,
  significant: Token[],
  all: Token[],
  depth: number,
): Statement {
  const text = chunk.text.slice(start, end);
  const code = maskCode(chunk.text, start, end, all);
  const base = { chunk, start, end, text, code, tokens: significant, line: lineOfOffset(chunk, start), depth };
  return { ...base, children: nestedBody(chunk, code, significant, depth) };
}

/** Comments and literal contents → spaces, line breaks kept. */
function maskCode(source: string, start: number, end: number, tokens: Token[]): string {
  const chars = source.slice(start, end).split('');
  const blank = (from: number, to: number): void => {
    for (let k = Math.max(from, start); k < Math.min(to, end); k++) {
      if (chars[k - start] !== '\n') chars[k - start] = ' ';
    }
  };
  for (const t of tokens) {
    if (t.kind === 'line-comment' || t.kind === 'block-comment') blank(t.start, t.end);
    else if ((t.kind === 'string' || t.kind === 'dollar') && t.contentStart !== undefined) {
      blank(t.contentStart, t.contentEnd ?? t.end);
    }
  }
  return chars.join('');
}

const ROUTINE = /^\s*(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE)\b|DO\b)/i;

function nestedBody(chunk: SqlChunk, code: string, tokens: readonly Token[], depth: number): Statement[] {
  if (!ROUTINE.test(code)) return [];
  const language = /\bLANGUAGE\s+'?([A-Za-z_]+)/i.exec(code)?.[1]?.toLowerCase();
  const isDo = /^\s*DO\b/i.test(code);
  if (language !== undefined && language !== 'plpgsql' && language !== 'sql') return [];
  if (language === undefined && !isDo) return [];
  const body = routineBody(chunk.text, tokens, isDo);
  if (!body || body.contentStart === undefined || body.contentEnd === undefined) return [];
  return splitRange(chunk, body.contentStart, body.contentEnd, depth + 1);
}

/** The body literal of a routine: the first dollar quote or string after `AS` (for `DO`, the first one). */
export function routineBody(source: string, tokens: readonly Token[], isDo = false): Token | undefined {
  let afterAs = isDo;
  for (const t of tokens) {
    if (t.kind === 'word' && source.slice(t.start, t.end).toUpperCase() === 'AS') afterAs = true;
    else if (afterAs && (t.kind === 'dollar' || t.kind === 'string')) return t;
  }
  return undefined;
}
