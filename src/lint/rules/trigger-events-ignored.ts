/**
 * `CREATE TRIGGER … AFTER INSERT OR UPDATE … EXECUTE FUNCTION f()` where f's plpgsql body (found in the
 * same file, or in `--project` mode in the project's SQL) branches on TG_OP and never acts on some of
 * the declared events. Those events fire the trigger and do nothing: for a sync trigger, silent drift.
 * The plan's backup sync trigger handles only 'INSERT', so legacy UPDATEs never reach the new schema.
 */
import { lineAt, routineBody, type Statement } from '../split-statements.ts';
import type { Rule, RuleHit } from './rule.ts';
import { baseName, IDENT, QNAME } from './sql-names.ts';
import { tgOpCoverage, TRIGGER_EVENTS, type TriggerEvent } from './tg-op-coverage.ts';

const CREATE_TRIGGER = new RegExp(
  String.raw`^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+(${IDENT})\s+` +
    String.raw`(BEFORE|AFTER|INSTEAD\s+OF)\s+([\s\S]+?)\s+ON\s+(${QNAME})[\s\S]*?` +
    String.raw`\bEXECUTE\s+(?:FUNCTION|PROCEDURE)\s+(${QNAME})\s*\(`,
  'id',
);
const CREATE_FUNCTION = new RegExp(String.raw`^\s*CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(${QNAME})\s*\(`, 'i');

export const triggerEventsIgnored: Rule = {
  id: 'trigger-events-ignored',
  severity: 'error',
  summary: 'trigger declared for events its function never handles (TG_OP branches miss them)',
  check({ statements, scope }) {
    const hits: RuleHit[] = [];
    for (const statement of statements) {
      const m = CREATE_TRIGGER.exec(statement.code);
      if (!m) continue;
      const events = declaredEvents(m[3]!);
      const fnName = baseName(m[5]!);
      const fn = lastDefinition(scope, fnName);
      if (!fn) continue;
      const body = routineBody(fn.chunk.text, fn.tokens);
      if (body?.contentStart === undefined || body.contentEnd === undefined) continue;
      const coverage = tgOpCoverage(fn.chunk.text, body.contentStart, body.contentEnd);
      if (coverage.kind === 'all') continue;
      const ignored = events.filter((e) => !coverage.events.has(e));
      if (ignored.length === 0) continue;
      const handled = [...coverage.events].join(', ') || 'no event';
      const timing = m[2]!.toUpperCase().replace(/\s+/g, ' ');
      hits.push({
        statement,
        line: lineAt(statement, m.indices?.[2]?.[0] ?? m.index),
        message:
          `trigger ${baseName(m[1]!)} fires ${timing} ${events.join(' OR ')} on ${baseName(m[4]!)}, but ` +
          `${fnName}() (${fn.chunk.file}:${fn.line}) only acts when TG_OP is ${handled}: ` +
          `${ignored.join(', ')} ${ignored.length === 1 ? 'does' : 'do'} nothing, so those changes never ` +
          `reach the other side. Handle ${ignored.join(' and ')} in the function, or stop declaring ${ignored.length === 1 ? 'it' : 'them'}.`,
      });
    }
    return hits;
  },
};

function declaredEvents(list: string): TriggerEvent[] {
  return list
    .split(/\s+OR\s+/i)
    .map((e) => e.trim().split(/\s+/)[0]!.toUpperCase())
    .filter((e): e is TriggerEvent => (TRIGGER_EVENTS as readonly string[]).includes(e));
}

function lastDefinition(scope: readonly Statement[], name: string): Statement | undefined {
  let found: Statement | undefined;
  for (const s of scope) {
    const m = CREATE_FUNCTION.exec(s.code);
    if (m && baseName(m[1]!) === name && /\bLANGUAGE\s+'?plpgsql\b/i.test(s.code)) found = s;
  }
  return found;
}
