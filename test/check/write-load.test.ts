import { describe, expect, it } from 'vitest';
import { StepClock, percentile, stallFigures, worstOf, type WriteSample } from '../../src/check/write-load.ts';
import { BASELINE_STEP } from '../../src/check/stall-figure.ts';

const w = (startMs: number, endMs: number, error?: string): WriteSample => ({ worker: 0, op: 'x', startMs, endMs, ...(error ? { error: { message: error } } : {}) });

describe('stall attribution', () => {
  it('nearest-rank percentiles', () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.99)).toBe(4);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.99)).toBe(99);
  });

  it('a write counts for every step it overlapped; the rest is the baseline', () => {
    const windows = [
      { step: 'a', startMs: 10, endMs: 20 },
      { step: 'b', startMs: 20, endMs: 30 },
    ];
    const samples = [w(0, 5), w(15, 25), w(21, 22, 'boom'), w(40, 41)];
    const f = stallFigures(windows, samples);
    expect(f.map((x) => [x.step, x.writes, x.maxMs, x.errors])).toEqual([
      [BASELINE_STEP, 2, 5, 0],
      ['a', 1, 10, 0],
      ['b', 2, 10, 1],
    ]);
  });

  it('a step that ran twice pools its writes under one label', () => {
    const f = stallFigures([{ step: 'a', startMs: 0, endMs: 10 }, { step: 'a', startMs: 100, endMs: 200 }], [w(1, 2), w(150, 450)]);
    expect(f[1]).toMatchObject({ step: 'a', writes: 2, maxMs: 300, stepMs: 100 });
  });

  it('worstOf keeps the worst figure per step and sums errors', () => {
    const one = [{ step: 's', p50Ms: 1, p99Ms: 5, maxMs: 9, errors: 1, writes: 3 }];
    const two = [{ step: 's', p50Ms: 2, p99Ms: 4, maxMs: 7, errors: 0, writes: 2 }, { step: 't', p50Ms: 0, p99Ms: 0, maxMs: 0, errors: 0 }];
    expect(worstOf([one, two])).toEqual([{ step: 's', p50Ms: 2, p99Ms: 5, maxMs: 9, errors: 1, writes: 5 }, two[1]]);
  });

  it('StepClock records runSteps results as <prefix> <direction> <name>', async () => {
    const clock = new StepClock();
    clock.onStep('phase-3')({ name: 'rename-legacy', direction: 'down', ms: 5, attempts: 1 });
    await clock.time('backfill', async () => undefined);
    expect(clock.windows.map((x) => x.step)).toEqual(['phase-3 down rename-legacy', 'backfill']);
    expect(clock.windows[0]!.endMs - clock.windows[0]!.startMs).toBeCloseTo(5);
  });
});
