import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { UserError } from '../util/errors.js';

/** The lock of an output folder: a folder inside it, made with mkdir (atomic) by proper-lockfile. */
export const LOCK_NAME = '.stackdoc-lock';

/**
 * A lock whose holder stopped refreshing it this long ago is taken over: a build killed with
 * SIGKILL cannot release it. proper-lockfile refreshes it every STALE_MS / 2 while we write.
 */
const STALE_MS = 5_000;
const POLL_MS = 250;

/** How long a second run waits for the first to finish writing (STACKDOC_LOCK_WAIT_MS, in ms). */
function waitMs(): number {
  const env = Number(process.env.STACKDOC_LOCK_WAIT_MS);
  return Number.isFinite(env) && env >= 0 ? env : 60_000;
}

export interface HeldLock {
  /** Throws when another run took the lock over (ours went stale): nothing may be swapped in then. */
  assertHeld(): void;
}

/**
 * Runs `fn` while holding the output folder's lock, so two runs writing into one output folder
 * take turns: the second waits (saying so once), up to a bound, then fails with what to do.
 * proper-lockfile is used rather than a PID file: it works across machines sharing a folder
 * and needs no guess whether a PID was reused.
 */
export async function withOutputLock<T>(outDir: string, fn: (lock: HeldLock) => Promise<T>): Promise<T> {
  const lockPath = join(outDir, LOCK_NAME);
  let compromised: Error | undefined;
  const options = {
    realpath: false,
    lockfilePath: lockPath,
    stale: STALE_MS,
    onCompromised: (error: Error) => {
      compromised = error;
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(outDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw cannotLock(lockPath, error);
    const wait = waitMs();
    console.error(`stackdoc: ${outDir}/ is being written by another stackdoc run; waiting for it (up to ${Math.round(wait / 1000)} s)`);
    try {
      release = await lockfile.lock(outDir, { ...options, retries: { retries: Math.ceil(wait / POLL_MS), factor: 1, minTimeout: POLL_MS, maxTimeout: POLL_MS } });
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'ELOCKED') throw cannotLock(lockPath, again);
      throw new UserError(
        `${outDir}/ is still being written by another stackdoc run after ${Math.round(wait / 1000)} s (its lock is ${lockPath}/); ` +
          `run again when it is done. A lock no run refreshes is taken over after ${STALE_MS / 1000} s`,
      );
    }
  }
  const held: HeldLock = {
    assertHeld() {
      if (compromised !== undefined) {
        throw new UserError(`lost the lock on ${outDir}/ (${compromised.message}); another run may be writing there, so nothing was replaced. Run the build again`);
      }
    },
  };
  try {
    return await fn(held);
  } finally {
    await release().catch(() => undefined); // a compromised lock is no longer ours to release
  }
}

function cannotLock(lockPath: string, error: unknown): UserError {
  return new UserError(`cannot take the output folder's lock ${lockPath}/: ${(error as Error).message}`);
}
