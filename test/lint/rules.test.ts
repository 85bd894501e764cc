/**
 * Every own rule fires on a minimal unsafe example (at the expected line) and stays quiet on a minimal
 * safe one, so each rule can both fail and pass.
 */
import { describe, expect, it } from 'vitest';
import { deferrableUnique } from '../../src/lint/rules/deferrable-unique.ts';
import { dropCascade } from '../../src/lint/rules/drop-cascade.ts';
import { RULES } from '../../src/lint/rules/index.ts';
import { notValidOnNewTable } from '../../src/lint/rules/not-valid-on-new-table.ts';
import { onConflictDeferrable } from '../../src/lint/rules/on-conflict-deferrable.ts';
import type { Rule } from '../../src/lint/rules/rule.ts';
import { setUnlogged } from '../../src/lint/rules/set-unlogged.ts';
import { triggerEventsIgnored } from '../../src/lint/rules/trigger-events-ignored.ts';
import { vacuumFull } from '../../src/lint/rules/vacuum-full.ts';
import { wholeTableUpdate } from '../../src/lint/rules/whole-table-update.ts';
import { ruleFindings } from './helpers.ts';
import { ADVISOR_CASES } from './rules/advisor/cases.ts';

const fn = (body: string): string => `CREATE OR REPLACE FUNCTION sync() RETURNS trigger AS $$
BEGIN
${body}
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
`;

interface Case {
  rule: Rule;
  name: string;
  sql: string;
  /** Lines the rule must report; [] = must stay quiet. */
  lines: number[];
}

const cases: Case[] = [
  { rule: setUnlogged, name: 'SET UNLOGGED on a kept table', sql: 'SELECT 1;\nALTER TABLE habit_tracker SET UNLOGGED;', lines: [2] },
  { rule: setUnlogged, name: 'SET UNLOGGED among other actions', sql: 'ALTER TABLE ONLY public.t\n  ALTER COLUMN a SET NOT NULL,\n  SET UNLOGGED;', lines: [1] },
  { rule: setUnlogged, name: 'SET LOGGED is safe', sql: 'ALTER TABLE habit_tracker SET LOGGED;', lines: [] },
  { rule: setUnlogged, name: 'mentioned in a comment or string only', sql: "-- ALTER TABLE t SET UNLOGGED;\nSELECT 'ALTER TABLE t SET UNLOGGED';", lines: [] },

  { rule: vacuumFull, name: 'VACUUM FULL of the whole database', sql: 'ANALYZE;\nVACUUM FULL;', lines: [2] },
  { rule: vacuumFull, name: 'VACUUM (FULL, ANALYZE) of one table', sql: 'VACUUM (FULL, ANALYZE) weeks;', lines: [1] },
  { rule: vacuumFull, name: 'VACUUM FULL VERBOSE t', sql: 'VACUUM FULL VERBOSE weeks;', lines: [1] },
  { rule: vacuumFull, name: 'plain VACUUM ANALYZE is safe', sql: 'VACUUM ANALYZE;\nVACUUM (ANALYZE) weeks;', lines: [] },
  { rule: vacuumFull, name: 'VACUUM (FULL false) is safe', sql: 'VACUUM (FULL false) weeks;', lines: [] },

  {
    rule: onConflictDeferrable,
    name: 'arbiter added DEFERRABLE with ALTER TABLE',
    sql:
      'CREATE TABLE w (id int, a int, b int);\n' +
      'ALTER TABLE w ADD CONSTRAINT w_ab UNIQUE (a, b) DEFERRABLE INITIALLY DEFERRED;\n' +
      'INSERT INTO w (a, b) VALUES (1, 2)\n  ON CONFLICT (b, a) DO NOTHING;',
    lines: [4],
  },
  {
    rule: onConflictDeferrable,
    name: 'table-level UNIQUE (…) DEFERRABLE inside CREATE TABLE',
    sql: 'CREATE TABLE r (\n  h int,\n  d date,\n  UNIQUE (h, d) DEFERRABLE INITIALLY DEFERRED\n);\nINSERT INTO r VALUES (1, now()) ON CONFLICT (h, d) DO UPDATE SET d = excluded.d;',
    lines: [6],
  },
  {
    rule: onConflictDeferrable,
    name: 'ON CONFLICT ON CONSTRAINT naming a deferrable constraint',
    sql: 'ALTER TABLE w ADD CONSTRAINT w_ab UNIQUE (a, b) DEFERRABLE;\nINSERT INTO w VALUES (1, 2) ON CONFLICT ON CONSTRAINT w_ab DO NOTHING;',
    lines: [2],
  },
  {
    rule: onConflictDeferrable,
    name: 'inside a trigger function body',
    sql: 'ALTER TABLE w ADD CONSTRAINT w_ab UNIQUE (a, b) DEFERRABLE;\n' + fn('  INSERT INTO w (a, b) VALUES (NEW.a, NEW.b)\n  ON CONFLICT (a, b) DO NOTHING;'),
    lines: [5],
  },
  {
    rule: onConflictDeferrable,
    name: 'NOT DEFERRABLE arbiter is safe',
    sql: 'ALTER TABLE w ADD CONSTRAINT w_ab UNIQUE (a, b) NOT DEFERRABLE;\nINSERT INTO w VALUES (1, 2) ON CONFLICT (a, b) DO NOTHING;',
    lines: [],
  },
  {
    rule: onConflictDeferrable,
    name: 'ON CONFLICT on other columns than the deferrable ones',
    sql: 'ALTER TABLE w ADD CONSTRAINT w_ab UNIQUE (a, b) DEFERRABLE;\nINSERT INTO w VALUES (1, 2) ON CONFLICT (id) DO NOTHING;',
    lines: [],
  },

  {
    rule: deferrableUnique,
    name: 'DEFERRABLE unique via ALTER TABLE and inside CREATE TABLE',
    sql: 'ALTER TABLE w ADD CONSTRAINT w_ab\n  UNIQUE (a, b) DEFERRABLE INITIALLY DEFERRED;\nCREATE TABLE r (h int, d date, UNIQUE (h, d) DEFERRABLE);',
    lines: [2, 3],
  },
  {
    rule: deferrableUnique,
    name: 'plain and NOT DEFERRABLE unique are safe',
    sql: 'ALTER TABLE w ADD CONSTRAINT w_ab UNIQUE (a, b);\nCREATE TABLE r (h int UNIQUE NOT DEFERRABLE, d date, UNIQUE (h, d));',
    lines: [],
  },

  {
    rule: triggerEventsIgnored,
    name: 'AFTER INSERT OR UPDATE, body handles only INSERT',
    sql: fn("  IF TG_OP = 'INSERT' THEN\n    INSERT INTO log VALUES (NEW.id);\n  END IF;") + 'CREATE TRIGGER t\n  AFTER INSERT OR UPDATE ON src\n  FOR EACH ROW EXECUTE FUNCTION sync();',
    lines: [10],
  },
  {
    rule: triggerEventsIgnored,
    name: 'CASE TG_OP without DELETE while DELETE is declared',
    sql:
      fn("  CASE TG_OP\n    WHEN 'INSERT' THEN NULL;\n    WHEN 'UPDATE' THEN NULL;\n  END CASE;") +
      'CREATE TRIGGER t AFTER INSERT OR UPDATE OR DELETE ON src FOR EACH ROW EXECUTE PROCEDURE sync();',
    lines: [10],
  },
  {
    rule: triggerEventsIgnored,
    name: 'every declared event has a branch',
    sql:
      fn("  IF TG_OP = 'INSERT' THEN\n    NULL;\n  ELSIF TG_OP = 'UPDATE' THEN\n    NULL;\n  END IF;") +
      'CREATE TRIGGER t AFTER INSERT OR UPDATE ON src FOR EACH ROW EXECUTE FUNCTION sync();',
    lines: [],
  },
  {
    rule: triggerEventsIgnored,
    name: 'ELSE branch covers the rest',
    sql: fn("  IF TG_OP = 'INSERT' THEN\n    NULL;\n  ELSE\n    NULL;\n  END IF;") + 'CREATE TRIGGER t AFTER INSERT OR UPDATE ON src FOR EACH ROW EXECUTE FUNCTION sync();',
    lines: [],
  },
  {
    rule: triggerEventsIgnored,
    name: 'TG_OP IN (…) and a body that never branches on TG_OP',
    sql:
      fn("  IF TG_OP IN ('INSERT', 'UPDATE') THEN\n    NULL;\n  END IF;") +
      'CREATE TRIGGER t AFTER INSERT OR UPDATE ON src FOR EACH ROW EXECUTE FUNCTION sync();\n' +
      fn('  INSERT INTO log VALUES (NEW.id);').replace('sync()', 'plain()') +
      'CREATE TRIGGER u AFTER INSERT OR UPDATE OR DELETE ON src FOR EACH ROW EXECUTE FUNCTION plain();',
    lines: [],
  },
  {
    rule: triggerEventsIgnored,
    name: 'trigger declares only the handled event',
    sql: fn("  IF TG_OP = 'INSERT' THEN\n    NULL;\n  END IF;") + 'CREATE TRIGGER t AFTER INSERT ON src FOR EACH ROW EXECUTE FUNCTION sync();',
    lines: [],
  },

  { rule: wholeTableUpdate, name: 'UPDATE of a live table without WHERE', sql: 'SELECT 1;\nUPDATE habit_tracker SET _archived = true;', lines: [2] },
  { rule: wholeTableUpdate, name: 'inside a function body', sql: fn('  UPDATE counters SET n = n + 1;'), lines: [3] },
  { rule: wholeTableUpdate, name: 'UPDATE with WHERE (a batch) is safe', sql: 'UPDATE habit_tracker SET _archived = true WHERE id BETWEEN 1 AND 1000;', lines: [] },
  {
    rule: wholeTableUpdate,
    name: 'ON CONFLICT DO UPDATE SET, FOR UPDATE, and a table this file just created',
    sql:
      'INSERT INTO w (id, a) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET a = excluded.a;\n' +
      'SELECT * FROM w FOR UPDATE;\nCREATE TABLE fresh (id int, x int);\nUPDATE fresh SET x = 0;',
    lines: [],
  },

  { rule: dropCascade, name: 'DROP TABLE … CASCADE', sql: 'DROP TABLE IF EXISTS habits CASCADE;\nDROP VIEW v CASCADE;', lines: [1, 2] },
  { rule: dropCascade, name: 'DROP TABLE without CASCADE is not ours to flag', sql: 'DROP TABLE IF EXISTS habits;\nDROP TABLE t RESTRICT;', lines: [] },

  {
    rule: notValidOnNewTable,
    name: 'NOT VALID on a table created in the same file',
    sql: 'CREATE TABLE c (name text);\nALTER TABLE c ADD CONSTRAINT len\n  CHECK (length(name) > 0) NOT VALID;',
    lines: [2],
  },
  {
    rule: notValidOnNewTable,
    name: 'NOT VALID on an existing table is the point of NOT VALID',
    sql: 'ALTER TABLE habit_tracker ADD CONSTRAINT len CHECK (length(child_name) > 0) NOT VALID;',
    lines: [],
  },
  ...ADVISOR_CASES,
];

describe('own lint rules', () => {
  it.each(cases)('$rule.id: $name', ({ rule, sql, lines }) => {
    const findings = ruleFindings(rule, sql);
    expect(findings.map((f) => f.line)).toEqual(lines);
    for (const f of findings) {
      expect(f).toMatchObject({ rule: rule.id, severity: rule.severity, file: 't.sql', source: 'ours' });
      expect(f.message.length).toBeGreaterThan(20);
    }
  });

  it('every registered rule has a firing and a quiet case here', () => {
    for (const rule of RULES) {
      expect(cases.some((c) => c.rule === rule && c.lines.length > 0), `${rule.id} fires`).toBe(true);
      expect(cases.some((c) => c.rule === rule && c.lines.length === 0), `${rule.id} stays quiet`).toBe(true);
    }
  });

  it('rule ids are unique and there is no own rule for what squawk already flags', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // squawk's ban-concurrent-index-creation-in-transaction covers CONCURRENTLY inside BEGIN … COMMIT.
    expect(ids.some((id) => id.includes('concurrent'))).toBe(false);
  });

  it('on-conflict-deferrable names the arbiter and where it is declared', () => {
    const [f] = ruleFindings(
      onConflictDeferrable,
      'ALTER TABLE weeks ADD CONSTRAINT unique_child_week UNIQUE (child_id, week_start_date) DEFERRABLE;\n' +
        'INSERT INTO weeks (child_id, week_start_date) VALUES ($1, $2) ON CONFLICT (child_id, week_start_date) DO NOTHING;',
    );
    expect(f?.message).toContain('unique_child_week');
    expect(f?.message).toContain('t.sql:1');
  });

  it('trigger-events-ignored names the ignored events', () => {
    const [f] = ruleFindings(
      triggerEventsIgnored,
      fn("  IF TG_OP = 'INSERT' THEN NULL; END IF;") + 'CREATE TRIGGER t AFTER INSERT OR UPDATE OR DELETE ON src FOR EACH ROW EXECUTE FUNCTION sync();',
    );
    expect(f?.message).toMatch(/only acts when TG_OP is INSERT: UPDATE, DELETE do nothing/);
  });

  it('trigger-events-ignored: a leftover branch without TG_OP handles the remaining events', () => {
    const body = "  IF TG_OP = 'INSERT' THEN PERFORM a(); ELSIF TG_OP = 'DELETE' THEN PERFORM b(); ELSIF OLD IS DISTINCT FROM NEW THEN PERFORM c(); END IF;";
    expect(ruleFindings(triggerEventsIgnored, fn(body) + 'CREATE TRIGGER t AFTER INSERT OR UPDATE OR DELETE ON src FOR EACH ROW EXECUTE FUNCTION sync();')).toEqual([]);
  });

  it('trigger-events-ignored: a statement outside every TG_OP branch acts on every event', () => {
    const body = "  IF TG_OP = 'DELETE' AND current_setting('x', true) = 'on' THEN RETURN OLD; END IF;\n  RAISE EXCEPTION 'read-only';";
    expect(ruleFindings(triggerEventsIgnored, fn(body) + 'CREATE TRIGGER t BEFORE INSERT OR UPDATE OR DELETE ON src FOR EACH ROW EXECUTE FUNCTION sync();')).toEqual([]);
    // …but RETURN alone is not acting: the plan's trigger still fires
    const plan = "  IF TG_OP = 'INSERT' THEN INSERT INTO weeks VALUES (1); END IF;\n  RETURN NEW;";
    expect(ruleFindings(triggerEventsIgnored, fn(plan) + 'CREATE TRIGGER t AFTER INSERT OR UPDATE ON src FOR EACH ROW EXECUTE FUNCTION sync();')).toHaveLength(1);
  });
});
