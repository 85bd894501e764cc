-- MIGRATION_PLAN_v2.md, 롤백 시나리오 · Phase 0 롤백, verbatim from here on.
-- 섀도 스키마 삭제만
DROP TABLE IF EXISTS habit_records CASCADE;
DROP TABLE IF EXISTS habits CASCADE;
DROP TABLE IF EXISTS weeks CASCADE;
DROP TABLE IF EXISTS children CASCADE;

-- 프로덕션 영향 없음 ✅
