/**
 * A growable list of 32-bit integers in an Int32Array: 4 bytes an item, against 8 (and a doubling
 * copy of pointers) for a JS array — the generator keeps one or two per clean row.
 */
export class IntList {
  private items = new Int32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(n: number): void {
    if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw new RangeError(`IntList holds 32-bit integers, got ${n}`);
    if (this.count === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.count++] = n;
  }

  /** The item at `index`, or undefined outside 0…length-1. */
  at(index: number): number | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.count ? this.items[index] : undefined;
  }
}
