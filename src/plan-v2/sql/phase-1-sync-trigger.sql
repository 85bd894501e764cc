-- MIGRATION_PLAN_v2.md, Phase 1 · Database Trigger (백업), verbatim from here on.
-- Edge Function 실패 시 Trigger가 동기화

CREATE OR REPLACE FUNCTION sync_to_new_schema()
RETURNS TRIGGER AS $$
BEGIN
  -- habit_tracker에 INSERT → 신 스키마에도 INSERT
  IF TG_OP = 'INSERT' THEN
    -- child_id 조회
    DECLARE
      child_uuid UUID;
    BEGIN
      SELECT id INTO child_uuid
      FROM children
      WHERE name = NEW.child_name;

      IF child_uuid IS NULL THEN
        -- child가 없으면 생성
        INSERT INTO children (name, user_id)
        VALUES (NEW.child_name, NEW.user_id)
        RETURNING id INTO child_uuid;
      END IF;

      -- weeks 테이블에 INSERT
      INSERT INTO weeks (
        child_id, week_start_date, week_end_date, theme, reflection, reward, user_id
      )
      VALUES (
        child_uuid,
        NEW.week_start_date,
        NEW.week_start_date + INTERVAL '6 days',
        NEW.theme,
        NEW.reflection,
        NEW.reward,
        NEW.user_id
      )
      ON CONFLICT (child_id, week_start_date) DO NOTHING;
    END;
  END IF;

  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sync_habit_tracker_to_new
  AFTER INSERT OR UPDATE ON habit_tracker
  FOR EACH ROW
  EXECUTE FUNCTION sync_to_new_schema();
