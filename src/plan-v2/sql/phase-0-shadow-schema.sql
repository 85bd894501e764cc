-- MIGRATION_PLAN_v2.md, Phase 0 · Week 1 · Step 1 (새 테이블 생성), verbatim from here on.
-- Phase 0: 섀도 스키마 생성
-- 제약 조건을 NOT VALID로 설정 (즉시 적용 안됨)
-- RLS는 일단 OFF

BEGIN;

-- 1. children 테이블
CREATE TABLE children (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  avatar_url TEXT,
  birth_date DATE,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- 제약 조건 (NOT VALID - 기존 데이터 검증 안함)
ALTER TABLE children ADD CONSTRAINT check_name_length
  CHECK (length(name) >= 1 AND length(name) <= 100) NOT VALID;

-- 인덱스 (CONCURRENTLY - 락 없이 생성)
CREATE INDEX CONCURRENTLY idx_children_user_id ON children(user_id);

-- 2. weeks 테이블
CREATE TABLE weeks (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  child_id UUID NOT NULL REFERENCES children(id) ON DELETE CASCADE,
  week_start_date DATE NOT NULL,
  week_end_date DATE NOT NULL,
  theme TEXT,
  reflection JSONB DEFAULT '{}',
  reward TEXT,
  template_id UUID, -- REFERENCES habit_templates(id) 나중에 추가
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- 제약 조건 (NOT VALID)
ALTER TABLE weeks ADD CONSTRAINT check_week_dates
  CHECK (week_end_date = week_start_date + INTERVAL '6 days') NOT VALID;

ALTER TABLE weeks ADD CONSTRAINT check_week_start_monday
  CHECK (EXTRACT(DOW FROM week_start_date) = 1) NOT VALID;

ALTER TABLE weeks ADD CONSTRAINT unique_child_week
  UNIQUE(child_id, week_start_date) DEFERRABLE INITIALLY DEFERRED;

-- 인덱스 (CONCURRENTLY)
CREATE INDEX CONCURRENTLY idx_weeks_user_id ON weeks(user_id);
CREATE INDEX CONCURRENTLY idx_weeks_child_id ON weeks(child_id);
CREATE INDEX CONCURRENTLY idx_weeks_start_date ON weeks(week_start_date DESC);

-- 3. habits 테이블
CREATE TABLE habits (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  week_id UUID NOT NULL REFERENCES weeks(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  time_period TEXT,
  display_order INTEGER DEFAULT 0,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE INDEX CONCURRENTLY idx_habits_week_id ON habits(week_id);
CREATE INDEX CONCURRENTLY idx_habits_week_order ON habits(week_id, display_order);

-- 4. habit_records 테이블
CREATE TABLE habit_records (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  habit_id UUID NOT NULL REFERENCES habits(id) ON DELETE CASCADE,
  record_date DATE NOT NULL,
  status TEXT NOT NULL,
  note TEXT,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  UNIQUE(habit_id, record_date) DEFERRABLE INITIALLY DEFERRED
);

ALTER TABLE habit_records ADD CONSTRAINT check_status
  CHECK (status IN ('green', 'yellow', 'red', 'none')) NOT VALID;

CREATE INDEX CONCURRENTLY idx_habit_records_habit_id ON habit_records(habit_id);
CREATE INDEX CONCURRENTLY idx_habit_records_date ON habit_records(record_date DESC);
CREATE INDEX CONCURRENTLY idx_habit_records_status ON habit_records(status);

-- 5. habit_templates 테이블
CREATE TABLE habit_templates (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  child_id UUID REFERENCES children(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  habits JSONB NOT NULL DEFAULT '[]',
  is_default BOOLEAN DEFAULT false,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE INDEX CONCURRENTLY idx_habit_templates_user_id ON habit_templates(user_id);
CREATE INDEX CONCURRENTLY idx_habit_templates_child_id ON habit_templates(child_id);

-- 6. notifications 테이블
CREATE TABLE notifications (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  from_user_id UUID REFERENCES auth.users(id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  link_url TEXT,
  metadata JSONB DEFAULT '{}',
  is_read BOOLEAN DEFAULT false,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

ALTER TABLE notifications ADD CONSTRAINT check_notification_type
  CHECK (type IN ('mention', 'achievement', 'weekly_report', 'chat')) NOT VALID;

CREATE INDEX CONCURRENTLY idx_notifications_user_id ON notifications(user_id);
CREATE INDEX CONCURRENTLY idx_notifications_is_read ON notifications(user_id, is_read);
CREATE INDEX CONCURRENTLY idx_notifications_created_at ON notifications(created_at DESC);

-- 7-10. 채팅 관련 테이블 (Phase 3에서 활성화)
-- 일단 스킵 (MAU 기반 결정)

COMMIT;

-- ✅ 섀도 스키마 생성 완료
-- 기존 habit_tracker 테이블은 영향 없음
