import type { PropertyResult } from '../runner/result.ts';

/**
 * The short replay of a failure: the saved fixture instead of the seed and its path (which can run to
 * 40+ steps) — `npx habit-verify replay <property> --fixture <file>`, with the same other flags
 * (`--pg-version`, `--pg`, `--impl`…) as the seed line. Undefined when no fixture holds the case.
 */
export function fixtureReplayCommand(r: PropertyResult): string | undefined {
  const file = r.regressionFile ?? r.failedOnRegression;
  if (!file) return undefined;
  if (r.replayCommand?.includes(' --fixture ')) return r.replayCommand;
  const head = `npx habit-verify replay ${r.property}`;
  const rest = (r.replayCommand ?? '')
    .replace(head, '')
    .replace(/ --seed \S+/, '')
    .replace(/ --path \S+/, '')
    // the fixture records the defect it was found with (replay reads it back)
    .replace(/ --defect \S+/, '');
  return `${head} --fixture ${quoteArg(file)}${r.defect ? ` --defect ${r.defect}` : ''}${rest}`;
}

/** Why a failure has no fixture line, said once beside its seed line. */
export function noFixtureReason(r: PropertyResult): string | undefined {
  if (fixtureReplayCommand(r) || r.verdict !== 'failed') return undefined;
  if (r.counterexample === undefined) return 'no fixture: the failure holds no input data to save (the phase could not even be set up)';
  if (r.defect) return 'no fixture: the counterexamples of a deliberately broken variant stay in the report';
  return 'no fixture was saved in this run (--no-save-regressions); a run without that flag saves one under fixtures/regressions/';
}

const quoteArg = (s: string) => (/^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
