import { describe, expect, it } from 'vitest';
import { fixtureReplayCommand, noFixtureReason } from '../../src/report/replay-lines.ts';
import { emojiQuarantineResult, failingReport } from './fixtures.ts';

describe('the fixture replay line', () => {
  it('replaces the seed and its 40-step path with the saved fixture, keeping the other flags', () => {
    const r = emojiQuarantineResult();
    expect(fixtureReplayCommand(r)).toBe('npx habit-verify replay phase-2/read-equivalence --fixture fixtures/regressions/phase-2--read-equivalence--emoji-on-a-name-at-the-limit-5d5a5e2c29.json');
    r.replayCommand += ' --pg-version 15 --impl ./my-impl.ts';
    expect(fixtureReplayCommand(r)).toMatch(/--fixture \S+\.json --pg-version 15 --impl \.\/my-impl\.ts$/);
    expect(noFixtureReason(r)).toBeUndefined();
  });

  it('a failure on a saved fixture already replays it; without a fixture, why not', () => {
    const r = failingReport().results[0]!;
    expect(fixtureReplayCommand(r)).toBeUndefined();
    expect(noFixtureReason(r)).toMatch(/--no-save-regressions/);
    expect(noFixtureReason({ ...r, defect: 'x' })).toMatch(/deliberately broken variant/);
    const onFixture = { ...r, failedOnRegression: 'fixtures/regressions/a.json', replayCommand: 'npx habit-verify replay phase-0/round-trip --fixture fixtures/regressions/a.json' };
    expect(fixtureReplayCommand(onFixture)).toBe(onFixture.replayCommand);
  });
});
