import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded provider and nothing else', () => {
    expect(loadConfig({})).toEqual({ pg: 'embedded' });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({ HV_PG: 'url', DATABASE_URL: 'postgres://u:p@h/db', HV_PG_VERSION: '15', HV_IMAGE: 'postgres:17.6', HV_RUNS: '200', HV_SEED: '-42', HV_TIME_BUDGET_MS: '30000' }),
    ).toEqual({ pg: 'url', databaseUrl: 'postgres://u:p@h/db', pgVersion: 15, image: 'postgres:17.6', runs: 200, seed: -42, timeBudgetMs: 30000 });
  });

  it.each([
    ['HV_PG', 'docker'],
    ['HV_PG_VERSION', '14'],
    ['HV_PG_VERSION', '17.6'],
    ['HV_RUNS', '0'],
    ['HV_RUNS', '1.5'],
    ['HV_TIME_BUDGET_MS', 'soon'],
  ])('rejects %s=%s with a ConfigError naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
