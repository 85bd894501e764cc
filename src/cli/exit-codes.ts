/** The CLI's exit codes, the same for every command. */
export const EXIT = {
  ok: 0,
  /** A property failed (or `check` found a mismatch, or `lint` an error finding). */
  failed: 1,
  /** Bad usage or bad input (a malformed dump, an unknown flag value). */
  usage: 2,
  /** Infrastructure: no Postgres reachable, no container runtime, a tool that cannot run. */
  infra: 3,
} as const;
