import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'compare-log-not-granted';

/**
 * Compare mode's log is closed and never granted to the reading client: every mismatch the app sees
 * is lost (recording is best effort), so Phase 2 looks clean while reads differ.
 */
export const compareLogNotGranted: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "Compare mode's logging function is not granted to the signed-in reader: on today's Supabase every mismatch fails to record (42501, swallowed), and Phase 2 looks clean.",
  planReference: 'Phase 2 검증: 읽기 결과 비교 로깅 — a log the client cannot reach',
  expectedKillers: ['phase-2/reachability'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-2', 'create-read-mismatches', 'up', [
      ['GRANT EXECUTE ON FUNCTION public.hv_record_read_mismatch(text, jsonb, text, jsonb, jsonb, jsonb) TO authenticated, service_role;', ''],
    ]),
};
