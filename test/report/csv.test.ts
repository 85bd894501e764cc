import { parseCsv } from './parse-csv.ts';
import { describe, expect, it } from 'vitest';
import { renderDriftCsv, renderPropertiesCsv, renderQuarantineCsv } from '../../src/report/csv.ts';
import { failingReport, passingReport, XSS_NAME } from './fixtures.ts';

const rows = parseCsv;

describe('properties.csv', () => {
  it('has the header and one row per property (passing)', () => {
    const csv = renderPropertiesCsv(passingReport());
    expect(csv.split('\n')[0]).toBe('property,gate,tags,verdict,runs,shrinks,seed,path,duration_ms,defect,replay_command,failure');
    expect(rows(csv)).toEqual([
      { property: 'phase-0/round-trip', gate: 'phase-0', tags: 'phase-0', verdict: 'passed', runs: '100', shrinks: '0', seed: '42', path: '', duration_ms: '1234', defect: '', replay_command: '', failure: '' },
      { property: 'phase-0/accounting', gate: 'phase-0', tags: 'phase-0', verdict: 'passed', runs: '100', shrinks: '0', seed: '42', path: '', duration_ms: '800', defect: '', replay_command: '', failure: '' },
    ]);
  });

  it('failing: path, replay command and the (multi-line) failure survive quoting; notes for skipped', () => {
    const r = rows(renderPropertiesCsv(failingReport()));
    expect(r[0]).toMatchObject({ verdict: 'failed', path: '3:1:0', replay_command: 'npx habit-verify replay phase-0/round-trip --seed 7 --path 3:1:0' });
    expect(r[1]!.failure).toBe('rows lost after resume\nsecond line with "quotes" & <angle>');
    expect(r[3]).toMatchObject({ verdict: 'skipped', failure: 'needs a server that allows SET TIME ZONE' });
  });
});

describe('quarantine.csv', () => {
  it('reason, count, example ids; only the header without a section', () => {
    expect(rows(renderQuarantineCsv(failingReport()))).toEqual([
      { reason: 'habits_not_array', count: '3', example_legacy_ids: '2' },
      { reason: 'owner_null', count: '1', example_legacy_ids: '9' },
    ]);
    expect(renderQuarantineCsv(passingReport())).toBe('reason,count,example_legacy_ids\n');
  });
});

describe('drift.csv', () => {
  it('one row per drift row; a formula-looking cell is defused for spreadsheets', () => {
    const r = rows(renderDriftCsv(failingReport()));
    expect(r[0]).toEqual({ legacy_id: '1', child: XSS_NAME, week: '2025-10-13', habit_index: '0', day: '3', field: 'status', legacy: 'none', new: 'red', kind: 'changed' });
    expect(r[1]).toMatchObject({ child: `'=HYPERLINK("http://evil")`, habit_index: '', legacy: 'a, "b"', new: '' });
    expect(renderDriftCsv(passingReport())).toBe('legacy_id,child,week,habit_index,day,field,legacy,new,kind\n');
  });
});
