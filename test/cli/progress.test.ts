import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bar, PROGRESS_LINE, progressLines } from '../../src/cli/progress.ts';

const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (b: Buffer) => (text += b.toString()));
  return { stream, text: () => text };
};

describe('progressLines', () => {
  it('is off unless the parent set HV_PROGRESS=lines', () => {
    expect(progressLines('generate', 10, {})).toBeUndefined();
    expect(progressLines('generate', 10, { HV_PROGRESS: '1' })).toBeUndefined();
  });

  it('writes at most one line a second, and always the last one, in the form the parent parses', async () => {
    const out = collect();
    const tick = progressLines('generate', 1000, { HV_PROGRESS: 'lines' }, out.stream)!;
    for (let done = 1; done <= 1000; done++) tick(done);
    await new Promise((r) => setImmediate(r));
    const seen = [...out.text().matchAll(PROGRESS_LINE)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
    expect(seen).toEqual([['generate', 1, 1000], ['generate', 1000, 1000]]);
  });
});

describe('bar', () => {
  it('fills done of total and never overflows', () => {
    expect(bar(5, 20, 4)).toBe('[#...] 5/20');
    expect(bar(30, 20, 4)).toBe('[####] 30/20');
    expect(bar(0, 0, 4)).toBe('[....] 0/0');
    expect(bar(1500, 3000, 2)).toBe('[#.] 1,500/3,000');
  });
});
