import { describe, expect, it } from 'vitest';
import { pgChoiceOf, reapedLine, replayFlags } from '../../src/cli/pg-from-flags.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

describe('--pg / --pg-version', () => {
  it('takes the flag over HV_PG_VERSION and leaves the version unset when neither is given', () => {
    expect(pgChoiceOf({}, { pg: 'embedded' })).toEqual({ provider: 'embedded' });
    expect(pgChoiceOf({}, { pg: 'embedded', pgVersion: 16 })).toEqual({ provider: 'embedded', version: 16 });
    expect(pgChoiceOf({ pg: 'url', pgVersion: '15' }, { pg: 'embedded', pgVersion: 16 })).toEqual({ provider: 'url', version: 15 });
  });

  it.each(['14', '17.2', 'latest'])('rejects --pg-version %s naming the flag and the majors', (v) => {
    expect(() => pgChoiceOf({ pgVersion: v }, { pg: 'embedded' })).toThrow(UsageError);
    expect(() => pgChoiceOf({ pgVersion: v }, { pg: 'embedded' })).toThrow(/--pg-version .*15, 16, 17, 18/);
  });

  it('replay lines carry the major unless it is the default, so a failure replays on the same major', () => {
    expect(replayFlags({ provider: 'embedded' })).toBe('');
    expect(replayFlags({ provider: 'embedded', version: 17 })).toBe('');
    expect(replayFlags({ provider: 'embedded', version: 15 })).toBe(' --pg-version 15');
    expect(replayFlags({ provider: 'url', version: 18 })).toBe(' --pg url --pg-version 18');
  });
});

describe('reapedLine', () => {
  it('says nothing when nothing was reaped, one line otherwise', () => {
    expect(reapedLine([])).toBeUndefined();
    expect(reapedLine([{ dir: '/tmp/hv-pg-abc123', postmasterPid: 4242, ownerPid: 7 }])).toBe(
      'reaped 1 Postgres server left by a killed run (pid 4242, /tmp/hv-pg-abc123)',
    );
    expect(
      reapedLine([
        { dir: '/tmp/hv-pg-a', postmasterPid: 1, ownerPid: 7 },
        { dir: '/tmp/hv-pg-b', postmasterPid: 2, ownerPid: 8 },
        { dir: '/tmp/hv-initdb-c', ownerPid: 9 },
      ]),
    ).toBe('reaped 2 Postgres servers and 1 temp dir left by killed runs (pid 1, /tmp/hv-pg-a; pid 2, /tmp/hv-pg-b; /tmp/hv-initdb-c)');
  });
});
