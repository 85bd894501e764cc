import { describe, test } from 'vitest';
import { GATES } from './index.ts';
import { assertProperty } from './support/vitest-property.ts';

describe('phase-1', () => {
  for (const p of GATES['phase-1']) {
    test(p.name, () => assertProperty(p), 300_000);
  }
});
