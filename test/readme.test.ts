/** The README is the users' manual: it must name every rule, anomaly and defect the code has. */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/db/project-paths.ts';
import { QUARANTINE_REASONS } from '../src/migration/mapping-rules.ts';
import { ANOMALY_IDS } from '../src/generate/anomaly-id.ts';
import { DEFECTS } from '../src/defects/index.ts';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

describe('README', () => {
  test.each([...QUARANTINE_REASONS])('documents quarantine reason %s', (r) => expect(readme).toContain(`\`${r}\``));
  test.each([...ANOMALY_IDS])('documents anomaly %s', (a) => expect(readme).toContain(`\`${a}\``));
  test.each(DEFECTS.map((d) => d.id))('documents defect %s', (d) => expect(readme).toContain(`\`${d}\``));
  test('quick start is the two commands', () => {
    expect(readme).toContain('npm run verify');
    expect(readme).toContain('npm test');
  });
});
