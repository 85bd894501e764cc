import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.ts';
import { failingReport, passingReport } from './fixtures.ts';

describe('renderJson', () => {
  it.each([['passing', passingReport()], ['failing', failingReport()]])('%s: the report, pretty, round-trips', (_, report) => {
    const text = renderJson(report);
    expect(text).toMatch(/^\{\n {2}"runId"/);
    expect(JSON.parse(text)).toEqual(report);
  });
});
