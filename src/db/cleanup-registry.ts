/**
 * Module-level registry of every started handle, so that no postmaster or temp dir outlives the
 * process, whatever way it ends:
 *
 * - `exit` (normal end, `process.exit()`, uncaught exception, unhandled rejection): only synchronous
 *   work is possible, so each handle's `closeSync()` SIGKILLs its postmaster and removes its data dir.
 * - SIGINT / SIGTERM / SIGHUP: every handle is closed asynchronously (bounded), then the process exits
 *   with 128 + signal number (130 / 143 / 129), as the default action would.
 *
 * The listeners exist only while at least one handle is registered, so a process without a started
 * database keeps Node's default signal behaviour. The registry lives on `globalThis`: vitest may
 * load this module more than once in one process and there must still be one set of listeners.
 */

export interface Closeable {
  /** Async, complete cleanup. Idempotent. */
  close(): Promise<void>;
  /** Best-effort synchronous cleanup for the `exit` event. Idempotent. */
  closeSync(): void;
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
const CLOSE_ON_SIGNAL_TIMEOUT_MS = 10_000;

/** Told of SIGINT / SIGTERM / SIGHUP before the handles close (a command that reports what ran). */
export type InterruptListener = (signal: NodeJS.Signals) => void;

interface Registry {
  handles: Set<Closeable>;
  interruptListeners: Set<InterruptListener>;
  installed: boolean;
  exiting: boolean;
  // The listeners themselves are shared too, so that whichever copy of this module uninstalls
  // removes exactly what another copy installed.
  onExit: () => void;
  onSignal: (sig: NodeJS.Signals) => void;
}

const KEY = Symbol.for('habit-verify.db.cleanup-registry');
const registry: Registry = ((globalThis as Record<symbol, unknown>)[KEY] as Registry | undefined) ?? {
  handles: new Set(),
  interruptListeners: new Set(),
  installed: false,
  exiting: false,
  onExit,
  onSignal,
};
(globalThis as Record<symbol, unknown>)[KEY] = registry;

/** Registers a handle; the returned function unregisters it (call it from `close()`). */
export function track(handle: Closeable): () => void {
  registry.handles.add(handle);
  install();
  return () => {
    registry.handles.delete(handle);
    uninstallIfIdle();
  };
}

/**
 * While registered, a signal no longer ends the process at once: the listener is told, every handle
 * is closed (what was running fails fast), and the command finishes on its own — writes its report of
 * what ran, picks its exit code (128 + signal). A hung command is still ended after the usual bound.
 * Returns the function that unregisters it.
 */
export function onInterrupt(listener: InterruptListener): () => void {
  registry.interruptListeners.add(listener);
  install();
  return () => {
    registry.interruptListeners.delete(listener);
    uninstallIfIdle();
  };
}

/** The exit code a process ends with on `signal` (128 + its number), as the default action gives. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (SIGNALS[signal as keyof typeof SIGNALS] ?? 15);
}

function uninstallIfIdle(): void {
  if (registry.handles.size === 0 && registry.interruptListeners.size === 0 && !registry.exiting) uninstall();
}

/** Closes every registered handle (used by signal handlers; also handy in tests). */
export async function closeAll(): Promise<void> {
  await Promise.allSettled([...registry.handles].map((h) => h.close()));
}

/** How many handles are registered right now. */
export function trackedCount(): number {
  return registry.handles.size;
}

function onExit(): void {
  for (const handle of [...registry.handles]) {
    try {
      handle.closeSync();
    } catch {
      // keep going: the other handles still need their cleanup
    }
  }
}

function onSignal(sig: NodeJS.Signals): void {
  // a second signal while a command finishes its report: the user means it, end now
  if (registry.exiting) {
    if (registry.interruptListeners.size > 0) process.exit(signalExitCode(sig));
    return;
  }
  registry.exiting = true;
  const code = signalExitCode(sig);
  if (registry.interruptListeners.size > 0) {
    for (const listener of [...registry.interruptListeners]) listener(sig);
    // the command exits by itself once its report is written; this only ends a hung one
    setTimeout(() => process.exit(code), CLOSE_ON_SIGNAL_TIMEOUT_MS).unref();
    void closeAll();
    return;
  }
  const timer = setTimeout(() => process.exit(code), CLOSE_ON_SIGNAL_TIMEOUT_MS);
  void closeAll().finally(() => {
    clearTimeout(timer);
    process.exit(code);
  });
}

function install(): void {
  if (registry.installed) return;
  registry.installed = true;
  process.on('exit', registry.onExit);
  for (const sig of Object.keys(SIGNALS) as NodeJS.Signals[]) process.on(sig, registry.onSignal);
}

function uninstall(): void {
  if (!registry.installed) return;
  registry.installed = false;
  process.off('exit', registry.onExit);
  for (const sig of Object.keys(SIGNALS) as NodeJS.Signals[]) process.off(sig, registry.onSignal);
}
