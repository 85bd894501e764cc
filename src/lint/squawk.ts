/**
 * Run squawk (`--reporter json`, SQL on stdin) on each chunk and turn its findings into {@link Finding}s
 * whose lines point into the original file. A missing or failing binary is a result, never a throw.
 */
import { spawn } from 'node:child_process';
import type { SqlChunk } from './extract-sql.ts';
import type { Finding, LintError, Severity } from './finding.ts';
import { locateSquawk } from './squawk-binary.ts';

export interface SquawkOptions {
  /** Path to the squawk executable; default: squawk-cli's platform package in node_modules. */
  binary?: string;
  /** Working directory for squawk (it looks for `.squawk.toml` upward from here). */
  cwd?: string;
  /** `--pg-version`, e.g. `17.0`. */
  pgVersion?: string;
  /** Per chunk; default 30 s. */
  timeoutMs?: number;
}

/** One entry of squawk's JSON reporter output (lines and columns are 0-based). */
interface SquawkJsonViolation {
  file: string;
  line: number;
  column: number;
  level: string;
  message: string;
  help: string | null;
  rule_name: string;
}

export type SquawkChunkResult =
  | { kind: 'ok'; findings: Finding[] }
  | { kind: 'unavailable'; message: string }
  | { kind: 'failed'; message: string };

/**
 * Severity is squawk's own, except where Postgres itself rejects the statement: then it is an error,
 * whatever squawk's default level.
 */
const SEVERITY_OVERRIDES: Readonly<Record<string, Severity>> = {
  // "CREATE INDEX CONCURRENTLY cannot run inside a transaction block" (SQLSTATE 25001).
  'ban-concurrent-index-creation-in-transaction': 'error',
};

/** Lint every chunk; stops at the first chunk that shows the binary cannot run at all. */
export async function runSquawk(
  chunks: readonly SqlChunk[],
  opts: SquawkOptions = {},
): Promise<{ findings: Finding[]; errors: LintError[]; chunkOf: Map<Finding, SqlChunk> }> {
  const findings: Finding[] = [];
  const errors: LintError[] = [];
  const chunkOf = new Map<Finding, SqlChunk>();
  let binary = opts.binary;
  if (binary === undefined) {
    const located = locateSquawk();
    if (located.kind === 'missing') return { findings, errors: [{ kind: 'squawk-unavailable', message: located.message }], chunkOf };
    binary = located.path;
  }
  for (const chunk of chunks) {
    if (chunk.text.trim() === '') continue;
    const result = await squawkChunk(chunk, binary, opts);
    if (result.kind === 'unavailable') {
      errors.push({ kind: 'squawk-unavailable', message: result.message });
      break;
    }
    if (result.kind === 'failed') {
      errors.push({ kind: 'squawk-failed', file: chunk.file, message: result.message });
      continue;
    }
    for (const f of result.findings) chunkOf.set(f, chunk);
    findings.push(...result.findings);
  }
  return { findings, errors, chunkOf };
}

/** Run squawk once on one chunk. */
export function squawkChunk(chunk: SqlChunk, binary: string, opts: SquawkOptions = {}): Promise<SquawkChunkResult> {
  const args = ['--reporter', 'json', '--stdin-filepath', chunk.file];
  if (opts.pgVersion !== undefined) args.push('--pg-version', opts.pgVersion);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const done = (r: SquawkChunkResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(binary, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (err) {
      done({ kind: 'unavailable', message: `cannot run squawk at ${binary}: ${(err as Error).message}` });
      return;
    }
    const timeoutMs = opts.timeoutMs ?? 30_000;
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ kind: 'failed', message: `squawk did not finish within ${timeoutMs} ms on ${chunk.file}` });
    }, timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err: NodeJS.ErrnoException) =>
      done({ kind: 'unavailable', message: `cannot run squawk at ${binary}: ${err.message}` }),
    );
    child.stdin!.on('error', () => undefined); // EPIPE when the binary dies early; reported via 'close'
    child.on('close', (code, signal) => {
      const output = (stderr.trim() || stdout.trim()).slice(0, 500);
      if (code !== 0 && code !== 1) {
        const why = signal ? `signal ${signal}` : `exit code ${code}`;
        done({ kind: 'failed', message: `squawk failed (${why}) on ${chunk.file}: ${output}` });
        return;
      }
      const parsed = parseSquawkJson(stdout, chunk);
      done(
        parsed === undefined
          ? { kind: 'failed', message: `squawk printed no JSON findings on ${chunk.file} (exit code ${code}): ${output}` }
          : { kind: 'ok', findings: parsed },
      );
    });
    child.stdin!.end(chunk.text);
  });
}

/** Squawk's JSON → findings in the chunk's file, or undefined if it is not squawk's JSON. */
export function parseSquawkJson(stdout: string, chunk: SqlChunk): Finding[] | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (!Array.isArray(raw)) return undefined;
  return (raw as SquawkJsonViolation[]).map((v) => ({
    rule: v.rule_name,
    severity: SEVERITY_OVERRIDES[v.rule_name] ?? mapLevel(v.level),
    file: chunk.file,
    line: chunk.startLine + v.line,
    message: v.help ? `${v.message} — ${v.help}` : v.message,
    source: 'squawk' as const,
  }));
}

function mapLevel(level: string): Severity {
  const l = level.toLowerCase();
  return l === 'error' ? 'error' : l === 'warning' ? 'warning' : 'info';
}
