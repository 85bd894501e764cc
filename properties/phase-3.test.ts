import { describe, test } from 'vitest';
import { GATES } from './index.ts';
import { assertProperty } from './support/vitest-property.ts';

describe('phase-3', () => {
  for (const p of GATES['phase-3']) {
    test(p.name, () => assertProperty(p), 300_000);
  }
});
