/**
 * Which trigger events (TG_OP values) a plpgsql function body acts on, from its IF / ELSIF / ELSE and
 * CASE branches. A body that never branches on TG_OP treats every event alike (`all`).
 */
import { isTrivia, stringValue, tokenize, type Token } from '../sql-tokens.ts';

export const TRIGGER_EVENTS = ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export type TgOpCoverage = { kind: 'all' } | { kind: 'only'; events: Set<TriggerEvent> };

interface Frame {
  kind: 'if' | 'case' | 'begin';
  tgOp: boolean;
  covered: Set<TriggerEvent>;
  hasElse: boolean;
  /** `CASE TG_OP WHEN 'INSERT' …`: the WHEN values are the events. */
  selectorIsTgOp: boolean;
}

const STATEMENT_START = new Set([';', 'THEN', 'ELSE', 'LOOP', 'BEGIN', 'DECLARE', '>']);
/** Statements that act (change data, call out, or refuse): outside every TG_OP branch they act on every event. */
const ACTING = new Set(['RAISE', 'PERFORM', 'INSERT', 'UPDATE', 'DELETE', 'EXECUTE', 'CALL']);

/** Coverage of the plpgsql body `source[from, to)`. */
export function tgOpCoverage(source: string, from: number, to: number): TgOpCoverage {
  const tokens = tokenize(source, from, to).filter((t) => !isTrivia(t));
  const word = (t: Token | undefined): string =>
    t?.kind === 'word' ? source.slice(t.start, t.end).toUpperCase() : t?.kind === 'punct' ? source[t.start]! : '';
  const stack: Frame[] = [];
  const covered = new Set<TriggerEvent>();
  let branchesOnTgOp = false;
  let all = false;

  const frame = (kind: Frame['kind'], selectorIsTgOp = false): Frame => ({
    kind,
    tgOp: false,
    covered: new Set(),
    hasElse: false,
    selectorIsTgOp,
  });
  const conditionUntilThen = (i: number): { tokens: Token[]; next: number } => {
    let j = i;
    while (j < tokens.length && word(tokens[j]) !== 'THEN') j++;
    return { tokens: tokens.slice(i, j), next: j };
  };
  const apply = (f: Frame, cond: Token[], selector: boolean): void => {
    if (!selector && !cond.some((t) => word(t) === 'TG_OP')) return;
    f.tgOp = true;
    const values = cond
      .filter((t) => t.kind === 'string')
      .map((t) => stringValue(source, t).toUpperCase())
      .filter((v): v is TriggerEvent => (TRIGGER_EVENTS as readonly string[]).includes(v));
    const negated = !selector && isNegated(cond.map(word));
    for (const e of negated ? TRIGGER_EVENTS.filter((x) => !values.includes(x)) : values) f.covered.add(e);
  };
  const close = (kind: Frame['kind']): void => {
    const idx = stack.map((f) => f.kind).lastIndexOf(kind);
    if (idx === -1) return;
    const [f] = stack.splice(idx);
    if (!f?.tgOp) return;
    branchesOnTgOp = true;
    if (f.hasElse) all = true;
    f.covered.forEach((e) => covered.add(e));
  };

  for (let i = 0; i < tokens.length; i++) {
    const w = word(tokens[i]);
    const prev = word(tokens[i - 1]);
    const top = stack[stack.length - 1];
    if (w === 'IF' && prev === 'END') close('if');
    else if (w === 'CASE' && prev === 'END') close('case');
    else if (w === 'LOOP' && prev === 'END') continue;
    else if (w === 'IF' && (i === 0 || STATEMENT_START.has(prev))) {
      const f = frame('if');
      stack.push(f);
      const c = conditionUntilThen(i + 1);
      apply(f, c.tokens, false);
      i = c.next;
    } else if ((w === 'ELSIF' || w === 'ELSEIF') && top?.kind === 'if') {
      const c = conditionUntilThen(i + 1);
      // In a chain that branches on TG_OP, a branch whose condition does not name TG_OP takes every
      // event left over (`ELSIF OLD IS DISTINCT FROM NEW` after INSERT and DELETE is the UPDATE branch).
      if (top.tgOp && !c.tokens.some((t) => word(t) === 'TG_OP')) top.hasElse = true;
      else apply(top, c.tokens, false);
      i = c.next;
    } else if (w === 'ELSE' && top && top.kind !== 'begin') top.hasElse = true;
    else if (w === 'CASE') stack.push(frame('case', word(tokens[i + 1]) === 'TG_OP'));
    else if (w === 'WHEN' && top?.kind === 'case') {
      const c = conditionUntilThen(i + 1);
      apply(top, c.tokens, top.selectorIsTgOp);
      i = c.next;
    } else if (w === 'BEGIN') stack.push(frame('begin'));
    else if (ACTING.has(w) && STATEMENT_START.has(prev) && !stack.some((f) => f.tgOp)) all = true;
    else if (w === 'END' && !['IF', 'CASE', 'LOOP'].includes(word(tokens[i + 1]))) {
      // `END` closes a block or a CASE expression, whichever is innermost.
      const t = stack[stack.length - 1];
      if (t?.kind === 'case') close('case');
      else if (t?.kind === 'begin') stack.pop();
    }
  }
  if (!branchesOnTgOp || all) return { kind: 'all' };
  return { kind: 'only', events: covered };
}

function isNegated(words: string[]): boolean {
  return words.some((w, k) => w === 'NOT' || (w === '<' && words[k + 1] === '>') || (w === '!' && words[k + 1] === '='));
}
