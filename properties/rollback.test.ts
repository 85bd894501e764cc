import { describe, test } from 'vitest';
import { GATES } from './index.ts';
import { assertProperty } from './support/vitest-property.ts';

describe('rollback', () => {
  for (const p of GATES.rollback) {
    test(p.name, () => assertProperty(p), 300_000);
  }
});
