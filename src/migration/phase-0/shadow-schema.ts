import type { Step } from '../../contract/step.ts';

/**
 * Phase 0, the shadow schema: the plan's DDL, made to run on a live database.
 *
 * Changes from the plan, and why:
 * - The plan wraps everything in BEGIN … COMMIT, but CREATE INDEX CONCURRENTLY cannot run inside a
 *   transaction block: each index is its own non-transactional step here.
 * - `unique_child_week` and habit_records' UNIQUE(habit_id, record_date) are declared DEFERRABLE
 *   INITIALLY DEFERRED in the plan. Postgres refuses a deferrable constraint as an ON CONFLICT arbiter
 *   (the plan's own upsert on `habit_id,record_date` fails), and a deferred check lets a duplicate live
 *   until commit. Nothing in the migration swaps rows between keys, so they are immediate here.
 * - children gets UNIQUE (user_id, name): the mapping rule's child identity (owner, exact name). The
 *   plan keys children on name alone, which merges two families' children of the same name.
 * - weeks gets `legacy_id` (unique): the habit_tracker row a week came from. The backfill resumes by
 *   it, the trigger and the dual-write API keep it, and the drift detector and the legacy view join by it.
 * - Ids are derived from natural keys (md5 → uuid) by the backfill, so a rerun is a no-op and two
 *   runs over the same data give byte-identical tables. DEFAULT gen_random_uuid() stays for the app.
 * - CHECK constraints are added NOT VALID as the plan says (validated in Phase 2); foreign keys too.
 * - Bookkeeping for the backfill: backfill_progress (one row per job, advanced in the batch's own
 *   transaction), migration_quarantine (every row not migrated, with reason and the original row), and
 *   migration_warnings (rows migrated with a note for a human).
 */
export const SHADOW_SCHEMA_STEPS: readonly Step[] = [
  {
    name: 'create-children',
    why: 'children: one row per (owner, exact name); the plan keyed them by name alone',
    up: `
      CREATE TABLE IF NOT EXISTS public.children (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        name text NOT NULL,
        avatar_url text,
        birth_date date,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now(),
        CONSTRAINT children_user_name_key UNIQUE (user_id, name)
      );
      -- NOT VALID: existing rows are not scanned now (there are none yet, but the same DDL must be
      -- safe to run against a populated table); new rows are still checked.
      ALTER TABLE public.children DROP CONSTRAINT IF EXISTS children_user_id_fkey;
      ALTER TABLE public.children ADD CONSTRAINT children_user_id_fkey
        FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.children DROP CONSTRAINT IF EXISTS check_name_length;
      ALTER TABLE public.children ADD CONSTRAINT check_name_length
        CHECK (length(name) >= 1 AND length(name) <= 100) NOT VALID;`,
    down: 'DROP TABLE IF EXISTS public.children CASCADE;',
  },
  {
    name: 'create-weeks',
    why: 'weeks: one row per child per Monday; legacy_id ties it to its habit_tracker row',
    up: `
      CREATE TABLE IF NOT EXISTS public.weeks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        child_id uuid NOT NULL,
        week_start_date date NOT NULL,
        week_end_date date NOT NULL,
        theme text,
        reflection jsonb DEFAULT '{}',
        reward text,
        template_id uuid,
        legacy_id bigint,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now(),
        -- immediate, not DEFERRABLE: see the module comment
        CONSTRAINT unique_child_week UNIQUE (child_id, week_start_date),
        CONSTRAINT weeks_legacy_id_key UNIQUE (legacy_id)
      );
      ALTER TABLE public.weeks DROP CONSTRAINT IF EXISTS weeks_user_id_fkey;
      ALTER TABLE public.weeks ADD CONSTRAINT weeks_user_id_fkey
        FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.weeks DROP CONSTRAINT IF EXISTS weeks_child_id_fkey;
      ALTER TABLE public.weeks ADD CONSTRAINT weeks_child_id_fkey
        FOREIGN KEY (child_id) REFERENCES public.children(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.weeks DROP CONSTRAINT IF EXISTS check_week_dates;
      -- date + integer, not + INTERVAL: date + interval yields a timestamp, compared in the session zone
      ALTER TABLE public.weeks ADD CONSTRAINT check_week_dates
        CHECK (week_end_date = week_start_date + 6) NOT VALID;
      ALTER TABLE public.weeks DROP CONSTRAINT IF EXISTS check_week_start_monday;
      ALTER TABLE public.weeks ADD CONSTRAINT check_week_start_monday
        CHECK (EXTRACT(ISODOW FROM week_start_date) = 1) NOT VALID;`,
    down: 'DROP TABLE IF EXISTS public.weeks CASCADE;',
  },
  {
    name: 'create-habits',
    why: 'habits: the entries of the legacy habits array, display_order = array index',
    up: `
      CREATE TABLE IF NOT EXISTS public.habits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        week_id uuid NOT NULL,
        name text NOT NULL,
        time_period text,
        display_order integer DEFAULT 0,
        created_at timestamptz DEFAULT now()
      );
      ALTER TABLE public.habits DROP CONSTRAINT IF EXISTS habits_week_id_fkey;
      ALTER TABLE public.habits ADD CONSTRAINT habits_week_id_fkey
        FOREIGN KEY (week_id) REFERENCES public.weeks(id) ON DELETE CASCADE NOT VALID;`,
    down: 'DROP TABLE IF EXISTS public.habits CASCADE;',
  },
  {
    name: 'create-habit-records',
    why: 'habit_records: one row per habit per day (7 per habit); status null in legacy is none here',
    up: `
      CREATE TABLE IF NOT EXISTS public.habit_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        habit_id uuid NOT NULL,
        record_date date NOT NULL,
        status text NOT NULL,
        note text,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now(),
        -- immediate, not DEFERRABLE: it is the ON CONFLICT arbiter of every status write
        CONSTRAINT habit_records_habit_id_record_date_key UNIQUE (habit_id, record_date)
      );
      ALTER TABLE public.habit_records DROP CONSTRAINT IF EXISTS habit_records_habit_id_fkey;
      ALTER TABLE public.habit_records ADD CONSTRAINT habit_records_habit_id_fkey
        FOREIGN KEY (habit_id) REFERENCES public.habits(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.habit_records DROP CONSTRAINT IF EXISTS check_status;
      ALTER TABLE public.habit_records ADD CONSTRAINT check_status
        CHECK (status IN ('green', 'yellow', 'red', 'none')) NOT VALID;`,
    down: 'DROP TABLE IF EXISTS public.habit_records CASCADE;',
  },
  {
    name: 'create-habit-templates',
    why: 'habit_templates: new-only data (Phase 1 writes them to the new schema only)',
    up: `
      CREATE TABLE IF NOT EXISTS public.habit_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        child_id uuid,
        name text NOT NULL,
        description text,
        habits jsonb NOT NULL DEFAULT '[]',
        is_default boolean DEFAULT false,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now()
      );
      ALTER TABLE public.habit_templates DROP CONSTRAINT IF EXISTS habit_templates_user_id_fkey;
      ALTER TABLE public.habit_templates ADD CONSTRAINT habit_templates_user_id_fkey
        FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.habit_templates DROP CONSTRAINT IF EXISTS habit_templates_child_id_fkey;
      ALTER TABLE public.habit_templates ADD CONSTRAINT habit_templates_child_id_fkey
        FOREIGN KEY (child_id) REFERENCES public.children(id) ON DELETE CASCADE NOT VALID;`,
    down: 'DROP TABLE IF EXISTS public.habit_templates CASCADE;',
  },
  {
    name: 'create-notifications',
    why: 'notifications: new-only data; nothing to backfill',
    up: `
      CREATE TABLE IF NOT EXISTS public.notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        from_user_id uuid,
        type text NOT NULL,
        title text NOT NULL,
        message text NOT NULL,
        link_url text,
        metadata jsonb DEFAULT '{}',
        is_read boolean DEFAULT false,
        created_at timestamptz DEFAULT now()
      );
      ALTER TABLE public.notifications DROP CONSTRAINT IF EXISTS notifications_user_id_fkey;
      ALTER TABLE public.notifications ADD CONSTRAINT notifications_user_id_fkey
        FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.notifications DROP CONSTRAINT IF EXISTS notifications_from_user_id_fkey;
      ALTER TABLE public.notifications ADD CONSTRAINT notifications_from_user_id_fkey
        FOREIGN KEY (from_user_id) REFERENCES auth.users(id) ON DELETE SET NULL NOT VALID;
      ALTER TABLE public.notifications DROP CONSTRAINT IF EXISTS check_notification_type;
      ALTER TABLE public.notifications ADD CONSTRAINT check_notification_type
        CHECK (type IN ('mention', 'achievement', 'weekly_report', 'chat')) NOT VALID;`,
    down: 'DROP TABLE IF EXISTS public.notifications CASCADE;',
  },
  {
    name: 'create-backfill-bookkeeping',
    why: 'progress (resume point, advanced inside each batch transaction), quarantine and warnings',
    up: `
      CREATE TABLE IF NOT EXISTS public.backfill_progress (
        job text PRIMARY KEY,
        last_processed_id bigint NOT NULL DEFAULT 0,
        processed_rows bigint NOT NULL DEFAULT 0,
        migrated_rows bigint NOT NULL DEFAULT 0,
        quarantined_rows bigint NOT NULL DEFAULT 0,
        batches bigint NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed')),
        started_at timestamptz,
        completed_at timestamptz
      );
      CREATE TABLE IF NOT EXISTS public.migration_quarantine (
        legacy_id bigint PRIMARY KEY,
        reason text NOT NULL,
        detail jsonb,
        original jsonb NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS public.migration_warnings (
        legacy_id bigint NOT NULL,
        code text NOT NULL,
        detail jsonb,
        PRIMARY KEY (legacy_id, code)
      );`,
    down: `
      DROP TABLE IF EXISTS public.migration_warnings;
      DROP TABLE IF EXISTS public.migration_quarantine;
      DROP TABLE IF EXISTS public.backfill_progress;`,
  },
  ...concurrentIndexes([
    ['idx_children_user_id', 'public.children (user_id)'],
    ['idx_weeks_user_id', 'public.weeks (user_id)'],
    ['idx_weeks_child_id', 'public.weeks (child_id)'],
    ['idx_weeks_start_date', 'public.weeks (week_start_date DESC)'],
    ['idx_habits_week_id', 'public.habits (week_id)'],
    ['idx_habits_week_order', 'public.habits (week_id, display_order)'],
    ['idx_habit_records_habit_id', 'public.habit_records (habit_id)'],
    ['idx_habit_records_date', 'public.habit_records (record_date DESC)'],
    ['idx_habit_records_status', 'public.habit_records (status)'],
    ['idx_habit_templates_user_id', 'public.habit_templates (user_id)'],
    ['idx_habit_templates_child_id', 'public.habit_templates (child_id)'],
    ['idx_notifications_user_id', 'public.notifications (user_id)'],
    ['idx_notifications_is_read', 'public.notifications (user_id, is_read)'],
    ['idx_notifications_created_at', 'public.notifications (created_at DESC)'],
  ]),
];

/** Tables created by Phase 0, children first (the order TRUNCATE/fingerprints use). */
export const NEW_TABLES = ['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'] as const;

function concurrentIndexes(list: ReadonlyArray<readonly [string, string]>): Step[] {
  return list.map(([name, on]) => ({
    name: `index-${name.replace(/^idx_/, '').replace(/_/g, '-')}`,
    why: 'CONCURRENTLY: no write lock on a table the app may already be writing to (Phase 1)',
    up: `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${on}`,
    down: `DROP INDEX CONCURRENTLY IF EXISTS public.${name}`,
    transactional: false,
    concurrentIndex: name,
  }));
}
