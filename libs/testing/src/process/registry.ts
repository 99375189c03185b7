/**
 * Every child process this library starts is tracked here, so none outlives the test (or dev)
 * process: `killAll()` for an orderly end, and a `process.on('exit')` hook that signals whatever
 * is still running when the process exits anyway.
 */
export interface TrackedProcess {
  readonly pid: number;
  /** Ends the process and resolves once it has exited. */
  kill(): Promise<void>;
  /** Synchronous last resort from the exit hook: send the signal and return. */
  signalNow(): void;
}

const tracked = new Set<TrackedProcess>();
let hookInstalled = false;

export function track(entry: TrackedProcess): () => void {
  if (!hookInstalled) {
    hookInstalled = true;
    process.on('exit', signalAllNow);
  }
  tracked.add(entry);
  return () => {
    tracked.delete(entry);
  };
}

/** Ends every process started through this library that is still running. */
export async function killAll(): Promise<void> {
  await Promise.all([...tracked].map((entry) => entry.kill()));
}

/** How many started processes are still running (for tests of the harness itself). */
export function trackedCount(): number {
  return tracked.size;
}

function signalAllNow(): void {
  for (const entry of tracked) {
    try {
      entry.signalNow();
    } catch {
      // already gone
    }
  }
}
