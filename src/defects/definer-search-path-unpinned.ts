import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'definer-search-path-unpinned';

/**
 * Compare mode's logging function runs as its owner with the caller's search_path: a caller who can
 * create objects in a schema earlier on the path can make it run theirs with the owner's rights.
 */
export const definerSearchPathUnpinned: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "A SECURITY DEFINER function (compare mode's hv_record_read_mismatch) takes its caller's search_path instead of pinning it.",
  planReference: 'classic (Supabase advisor 0011 function_search_path_mutable); the plan defines no function with SET search_path',
  expectedKillers: ['phase-2/exposure'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-2', 'create-read-mismatches', 'up', [["LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $$", 'LANGUAGE sql SECURITY DEFINER AS $$']]),
};
