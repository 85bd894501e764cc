/**
 * The (owner, child name, week) identities of the rows an anomaly moved off their generated week, as
 * a generator asks "is this week free?": exact, and a few bytes each, since a million-row dataset
 * moves most of its adversarial rows. An identity is a number — its (owner, name) pair, then the
 * week's day — in a {@link NumberSet}: the pair is the child's index when it names a generated child,
 * else the index of its first appearance. A week that is not a canonical ISO date stays a string.
 */
import { weekKey } from './anomaly/inspect.ts';
import { NumberSet } from './number-set.ts';
import { fromDayNumber, toDayNumber } from '../migration/mapping-rules.ts';

/** Days are offset by 2^20 (year 0001 is day -719162) and fit 22 bits (year 9999 is day 2932896). */
const DAY_OFFSET = 2 ** 20;
const DAY_SPAN = 2 ** 22;

export class MovedWeeks {
  private readonly numbers = new NumberSet();
  /** (owner, name) pairs that name no generated child, numbered from `children` on. */
  private readonly otherPairs = new Map<string, number>();
  private readonly otherKeys = new Set<string>();

  constructor(
    /** Number of generated child indexes (families × children per family). */
    private readonly children: number,
    /** The generated child an (owner, exact name) is, if any: an index below `children`. */
    private readonly childIndex: (owner: string | null, name: string) => number | undefined,
  ) {}

  add(owner: string | null, name: string, week: string): void {
    const key = this.key(owner, name, week, true);
    if (key === undefined) this.otherKeys.add(weekKey(owner, name, week));
    else this.numbers.add(key);
  }

  has(owner: string | null, name: string, week: string): boolean {
    const key = this.key(owner, name, week, false);
    if (key === undefined) return this.otherKeys.has(weekKey(owner, name, week));
    return key >= 0 && this.numbers.has(key);
  }

  /** The identity's number; undefined when the week is no canonical date; -1 for a pair never added (with `intern` false). */
  private key(owner: string | null, name: string, week: string, intern: boolean): number | undefined {
    const day = canonicalDay(week);
    if (day === undefined) return undefined;
    let pair = this.childIndex(owner, name);
    if (pair === undefined) {
      const text = `${owner ?? 'null'}\u0001${name}`;
      pair = this.otherPairs.get(text);
      if (pair === undefined) {
        if (!intern) return -1;
        pair = this.children + this.otherPairs.size;
        this.otherPairs.set(text, pair);
      }
    }
    return pair * DAY_SPAN + day + DAY_OFFSET;
  }
}

function canonicalDay(week: string): number | undefined {
  let day: number;
  try {
    day = toDayNumber(week);
  } catch {
    return undefined;
  }
  return day + DAY_OFFSET >= 0 && day + DAY_OFFSET < DAY_SPAN && fromDayNumber(day) === week ? day : undefined;
}
