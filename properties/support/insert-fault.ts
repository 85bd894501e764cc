/**
 * A fault no mapping rule foresees, for chosen legacy rows: an AFTER INSERT row trigger on one new
 * table (weeks, habits or habit_records) that raises a chosen SQLSTATE when the row it inserts belongs
 * to one of those legacy ids. AFTER, so it fires once the whole statement has written its rows — a
 * habit or record can then be traced to its week's legacy_id. The harness's own objects are named
 * hv_test_… (catalog fingerprints leave them out) and never outlive their case.
 */
import type pg from 'pg';
import { harness } from '../../src/runner/harness-error.ts';

export const FAULT_TABLES = ['weeks', 'habits', 'habit_records'] as const;
export type FaultTable = (typeof FAULT_TABLES)[number];

/** SQLSTATEs the fault raises: none is one a retry loop would treat as transient (40xxx, 53xxx, 57xxx). */
export const FAULT_SQLSTATES = ['P0001', '23514', '22P02', 'HV0F1'] as const;

const NAME = 'hv_test_insert_fault';

const LEGACY_ID_OF: Record<FaultTable, string> = {
  weeks: `v_legacy := (to_jsonb(NEW) ->> 'legacy_id')::bigint;`,
  habits: `SELECT (to_jsonb(w) ->> 'legacy_id')::bigint INTO v_legacy FROM public.weeks w WHERE w.id = NEW.week_id;`,
  habit_records: `SELECT (to_jsonb(w) ->> 'legacy_id')::bigint INTO v_legacy
      FROM public.habits h JOIN public.weeks w ON w.id = h.week_id WHERE h.id = NEW.habit_id;`,
};

export interface InsertFault {
  table: FaultTable;
  legacyIds: readonly number[];
  sqlstate: string;
}

/** Installs the fault (replacing any left over); a failure is the harness's (ERROR), not the migration's. */
export async function installInsertFault(client: pg.ClientBase, fault: InsertFault): Promise<void> {
  const ids = fault.legacyIds.map((id) => String(Math.trunc(id))).join(',');
  await harness(`install the fault-injection trigger on ${fault.table}`, () =>
    client.query(`${dropSql()};
      CREATE FUNCTION public.${NAME}() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v_legacy bigint;
      BEGIN
        ${LEGACY_ID_OF[fault.table]}
        IF v_legacy = ANY ('{${ids}}'::bigint[]) THEN
          RAISE EXCEPTION USING ERRCODE = '${fault.sqlstate}', MESSAGE = format('injected fault: %s row of legacy row %s', TG_TABLE_NAME, v_legacy);
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER ${NAME} AFTER INSERT ON public.${fault.table} FOR EACH ROW EXECUTE FUNCTION public.${NAME}();`),
  );
}

/** Removes the fault: the cause is gone. */
export async function removeInsertFault(client: pg.ClientBase): Promise<void> {
  await harness('remove the fault-injection trigger', () => client.query(dropSql()));
}

function dropSql(): string {
  return [...FAULT_TABLES.map((t) => `DROP TRIGGER IF EXISTS ${NAME} ON public.${t}`), `DROP FUNCTION IF EXISTS public.${NAME}()`].join('; ');
}

const LEGACY_NAME = 'hv_test_legacy_write_fault';

/**
 * A fault on the legacy table itself (Phase 3's reverse sync writes it): an AFTER row trigger on
 * `table` raising `sqlstate` for any INSERT, UPDATE or DELETE of one of `legacyIds`.
 */
export async function installLegacyWriteFault(client: pg.ClientBase, table: string, legacyIds: readonly number[], sqlstate: string): Promise<void> {
  const ids = legacyIds.map((id) => String(Math.trunc(id))).join(',');
  await harness(`install the fault-injection trigger on ${table}`, () =>
    client.query(`${legacyDropSql(table)};
      CREATE FUNCTION public.${LEGACY_NAME}() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v_legacy bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
      BEGIN
        IF v_legacy = ANY ('{${ids}}'::bigint[]) THEN
          RAISE EXCEPTION USING ERRCODE = '${sqlstate}', MESSAGE = format('injected fault: %s of legacy row %s', TG_OP, v_legacy);
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER ${LEGACY_NAME} AFTER INSERT OR UPDATE OR DELETE ON public.${client.escapeIdentifier(table)} FOR EACH ROW EXECUTE FUNCTION public.${LEGACY_NAME}();`),
  );
}

/** Removes the legacy table's fault (under either of its names). */
export async function removeLegacyWriteFault(client: pg.ClientBase): Promise<void> {
  await harness('remove the fault-injection trigger of the legacy table', () =>
    client.query(`DO $$ DECLARE t regclass; BEGIN
        FOR t IN SELECT tgrelid::regclass FROM pg_trigger WHERE tgname = '${LEGACY_NAME}' LOOP
          EXECUTE format('DROP TRIGGER ${LEGACY_NAME} ON %s', t);
        END LOOP;
      END $$; DROP FUNCTION IF EXISTS public.${LEGACY_NAME}()`),
  );
}

function legacyDropSql(table: string): string {
  return `DROP TRIGGER IF EXISTS ${LEGACY_NAME} ON public."${table.replace(/"/g, '""')}"; DROP FUNCTION IF EXISTS public.${LEGACY_NAME}()`;
}
