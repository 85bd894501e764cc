/**
 * Pull the SQL out of a file: a `.sql` file is one chunk; a Markdown file gives one chunk per fenced
 * ```sql block, remembering where the block starts so findings point at the line in the .md.
 */
import path from 'node:path';

export interface SqlChunk {
  /** Display path of the file the chunk came from. */
  readonly file: string;
  /** 1-based line in `file` of the chunk's first character. */
  readonly startLine: number;
  /** The SQL, with `\n` line ends. */
  readonly text: string;
  /** Offsets in `text` where each line starts (line i of the chunk starts at lineStarts[i]). */
  readonly lineStarts: readonly number[];
}

export type SourceKind = 'sql' | 'markdown';

const MARKDOWN_EXT = new Set(['.md', '.markdown']);
const SQL_EXT = new Set(['.sql', '.psql', '.pgsql']);
/** Info strings (first word after the fence) that mark a block as SQL we lint. */
const SQL_FENCE_LANGS = new Set(['sql', 'postgresql', 'postgres', 'pgsql', 'plpgsql', 'psql']);

/** `sql` / `markdown` by extension, or undefined when the file is neither. */
export function sourceKindOf(file: string): SourceKind | undefined {
  const ext = path.extname(file).toLowerCase();
  if (MARKDOWN_EXT.has(ext)) return 'markdown';
  if (SQL_EXT.has(ext)) return 'sql';
  return undefined;
}

export function makeChunk(file: string, startLine: number, text: string): SqlChunk {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return { file, startLine, text, lineStarts };
}

/** 1-based line in the original file of `offset` (an index into `chunk.text`). */
export function lineOfOffset(chunk: SqlChunk, offset: number): number {
  const starts = chunk.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return chunk.startLine + lo;
}

/** Split `content` of `file` into SQL chunks (see the module comment). */
export function extractSql(file: string, content: string, kind: SourceKind): SqlChunk[] {
  const normalized = content.replace(/\r\n?/g, '\n');
  return kind === 'sql' ? [makeChunk(file, 1, normalized)] : extractMarkdownSql(file, normalized);
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;

function extractMarkdownSql(file: string, content: string): SqlChunk[] {
  const lines = content.split('\n');
  const chunks: SqlChunk[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = FENCE_OPEN.exec(lines[i] ?? '');
    if (!open) {
      i++;
      continue;
    }
    const indent = open[1]?.length ?? 0;
    const fence = open[2] ?? '```';
    const lang = (open[3] ?? '').toLowerCase();
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (isFenceClose(line, fence)) break;
      body.push(stripIndent(line, indent));
    }
    // Line numbers are 1-based: the fence is on line i + 1, the first body line on i + 2.
    if (SQL_FENCE_LANGS.has(lang)) chunks.push(makeChunk(file, i + 2, body.join('\n')));
    i = j + 1;
  }
  return chunks;
}

function isFenceClose(line: string, fence: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
}

function stripIndent(line: string, indent: number): string {
  let k = 0;
  while (k < indent && line[k] === ' ') k++;
  return line.slice(k);
}
