/**
 * The unit the Supabase-advisor rules judge: one `.sql` file, one rendered phase step, or one ```sql
 * block of a Markdown plan (each is a chunk). A table that is exposed between two units is exposed for
 * as long as the second one has not run — the window the rules are about.
 *
 * Within a unit, the statements that run when the unit runs: top-level ones and those in `DO` bodies
 * (not function bodies, which run when called). In plpgsql, a leading control prefix (`IF … THEN`,
 * `FOR … LOOP`, `BEGIN`, …) is skipped so `IF … THEN GRANT …` reads as the GRANT.
 */
import type { SqlChunk } from '../../extract-sql.ts';
import type { Statement } from '../../split-statements.ts';

export interface UnitCommand {
  statement: Statement;
  /** `statement.code` from the command on (control prefix skipped), and where it starts in `code`. */
  code: string;
  offset: number;
  /** The same slice of `statement.text` (literals unmasked), for option values such as `'true'`. */
  text: string;
}

export interface MigrationUnit {
  chunk: SqlChunk;
  commands: UnitCommand[];
}

const PLPGSQL_PREFIX =
  /^\s*(?:(?:<<\s*\w+\s*>>|BEGIN\b|ELSE\b|LOOP\b|EXCEPTION\b|(?:IF|ELSIF|ELSEIF|WHEN)\b[\s\S]*?\bTHEN\b|(?:FOR|FOREACH|WHILE)\b[\s\S]*?\bLOOP\b)\s*)*/i;

/** The statements of a file as units, in order. */
export function migrationUnits(statements: readonly Statement[]): MigrationUnit[] {
  const units: MigrationUnit[] = [];
  let current: MigrationUnit | undefined;
  let top: Statement | undefined;
  for (const statement of statements) {
    if (current?.chunk !== statement.chunk) {
      current = { chunk: statement.chunk, commands: [] };
      units.push(current);
    }
    if (statement.depth === 0) top = statement;
    else if (!(top && top.chunk === statement.chunk && /^\s*DO\b/i.test(top.code))) continue;
    const offset = statement.depth === 0 ? 0 : (PLPGSQL_PREFIX.exec(statement.code)?.[0].length ?? 0);
    current.commands.push({ statement, code: statement.code.slice(offset), offset, text: statement.text.slice(offset) });
  }
  return units;
}
