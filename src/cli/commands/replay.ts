import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { findProperty, gateOf } from '../../../properties/index.ts';
import { implementationOf } from '../implementation-from-flags.ts';
import { runProperty } from '../../runner/run-property.ts';
import type { SavedRegression } from '../../runner/regression.ts';
import { PROJECT_ROOT } from '../../db/project-paths.ts';
import { UsageError } from '../usage-error.ts';
import { EXIT } from '../exit-codes.ts';
import { intFlag } from '../parse.ts';
import { ownServerFactory, pgChoiceOf, startFromFlags } from '../pg-from-flags.ts';
import { renderCounterexample } from '../render-counterexample.ts';

export interface ReplayFlags {
  seed?: string;
  path?: string;
  fixture?: string;
  defect?: string;
  impl?: string;
  pg?: string;
  pgVersion?: string;
  json?: boolean;
}

/**
 * `habit-verify replay <property> --seed S --path P` (or `--fixture F`): runs exactly the printed
 * counterexample again; prints the minimal dataset and the diff. Exit 1 when it still fails.
 */
export async function replayCommand(name: string, flags: ReplayFlags, config: Config): Promise<number> {
  const def = findProperty(name);
  if (!def) throw new UsageError(`unknown property ${JSON.stringify(name)}: \`habit-verify gate --help\` lists the gates; property names look like phase-0/round-trip`);
  let regression: SavedRegression | undefined;
  if (flags.fixture) {
    const file = resolve(flags.fixture);
    let data: Omit<SavedRegression, 'file'>;
    try {
      data = JSON.parse(await readFile(file, 'utf8')) as Omit<SavedRegression, 'file'>;
    } catch (err) {
      throw new UsageError(`--fixture ${flags.fixture}: cannot read it as a saved counterexample (${(err as Error).message})`);
    }
    regression = { ...data, file: relative(PROJECT_ROOT, file) };
  } else if (flags.seed === undefined) {
    throw new UsageError('replay needs --seed S [--path P] (as printed by the failing run) or --fixture F');
  }
  const seed = intFlag('--seed', flags.seed, 0) ?? regression?.seed ?? 0;
  const defect = flags.defect ?? regression?.defect;
  const { impl } = await implementationOf(flags.impl ?? regression?.impl, defect);
  const choice = pgChoiceOf(flags, config);
  const pg = await startFromFlags(choice, config);
  let result;
  try {
    result = await runProperty(def, {
      pg,
      seed,
      ...(flags.path ? { path: flags.path } : {}),
      impl,
      defect,
      ...(gateOf(name) ? { gate: gateOf(name)! } : {}),
      ...(regression ? { regressions: [regression], regressionsOnly: true } : {}),
      ...(ownServerFactory(choice) ? { ownServer: ownServerFactory(choice)! } : {}),
    });
  } finally {
    await pg.close();
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.verdict === 'passed') {
    process.stdout.write(`${name}: the counterexample passes now (seed ${seed}${flags.path ? `, path ${flags.path}` : ''}).\n`);
  } else {
    process.stdout.write(renderCounterexample(def, result));
  }
  return result.verdict === 'passed' ? EXIT.ok : result.verdict === 'failed' ? EXIT.failed : EXIT.infra;
}
