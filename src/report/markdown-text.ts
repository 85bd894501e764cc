import type { PropertyResult } from '../runner/result.ts';
import type { GateVerdict } from './gates.ts';

/** Inline Markdown text: HTML and Markdown syntax shown literally, one line (table-safe). */
export function md(s: string): string {
  return oneLine(s)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, '\\$&');
}

export function oneLine(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ↵ ');
}

export function codeSpan(s: string): string {
  return oneLine(s).replace(/`/g, 'ˋ');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fence(text: string, lang: string, indent = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return [`${f}${lang}`, ...text.split('\n'), f].map((l) => indent + l).join('\n');
}

export function badge(v: GateVerdict): string {
  return v === 'PASS' ? '✅ PASS' : v === 'FAIL' ? '❌ FAIL' : v === 'ERROR' ? '⚠️ ERROR (could not check)' : '⏭️ NOT RUN';
}

export function verdictText(r: Pick<PropertyResult, 'verdict'>): string {
  return { passed: '✅ passed', failed: '❌ failed', error: '⚠️ error', skipped: '⏭️ skipped' }[r.verdict];
}
