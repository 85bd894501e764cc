import { describe, expect, it } from 'vitest';
import { IntList } from '../../src/generate/int-list.ts';

describe('IntList', () => {
  it('keeps every pushed 32-bit integer in order through growth', () => {
    const list = new IntList();
    const items = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65_537 - 30_000);
    items.push(2 ** 31 - 1, -(2 ** 31));
    items.forEach((n) => list.push(n));
    expect(list.length).toBe(items.length);
    expect(items.every((n, i) => list.at(i) === n)).toBe(true);
    expect(list.at(-1)).toBeUndefined();
    expect(list.at(items.length)).toBeUndefined();
  });

  it('rejects integers that do not fit 32 bits', () => {
    expect(() => new IntList().push(2 ** 31)).toThrow(/32-bit integers, got 2147483648/);
  });
});
