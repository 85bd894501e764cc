import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of src/migration (npm run mutation): the phase-0
 * properties on real Postgres, and the unit tests of the mapping rules' TypeScript side (oracle and
 * generator). Same global Postgres as `npm test`.
 */
export default defineConfig({
  test: {
    include: ['properties/phase-0.test.ts', 'test/check/canonical.test.ts', 'test/generate/legacy-dataset.test.ts', 'test/generate/anomalies.test.ts'],
    globalSetup: ['test/setup/global-postgres.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
