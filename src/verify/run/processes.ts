import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Processes verification starts (apps, test runs, the renderer) run in their own process group,
 * so stopping one stops everything it forked (gunicorn's workers, node --test's children).
 * Every live group is remembered; if stackdoc exits or is interrupted while one runs, the exit
 * handlers kill it, so a crash or Ctrl-C never leaves an app holding a port.
 */
const live = new Set<number>();
let handlersInstalled = false;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GroupProcess {
  pid: number;
  /** Settles when the group leader exits (or fails to start: code null, error in stderr). */
  exited: Promise<Exit>;
  hasExited(): boolean;
  stdout(): string;
  stderr(): string;
  /** TERM to the group, KILL after a grace period, and KILL again for stragglers. Idempotent. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. Without it stdin is /dev/null. */
  input?: string;
  /** Run as this user and group (a server that must not run as root, e.g. nginx when stackdoc is root). */
  uid?: number;
  gid?: number;
}

/** Only this much of each output stream is kept: failures show the tail, which is what matters. */
const TAIL_BYTES = 64 * 1024;
const GRACE_MS = 3000;

export function spawnGroup(program: string, args: readonly string[], options: SpawnOptions): GroupProcess {
  const child = spawn(program, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true, // a new process group whose id is the child's pid
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  const out = new Tail();
  const err = new Tail();
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  if (options.input !== undefined) {
    child.stdin?.on('error', () => {}); // the program may exit without reading; that is its answer
    child.stdin?.end(options.input);
  }
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error) => {
      err.push(Buffer.from(`${error.message}\n`));
      done = true;
      resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  // 'close' (above) waits for the output pipes too; the leader itself is gone at 'exit'.
  const leaderGone = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const pid = child.pid;
  if (pid !== undefined) track(pid);
  let stopping: Promise<void> | undefined;
  return {
    pid: pid ?? -1,
    exited,
    hasExited: () => done,
    stdout: () => out.text(),
    stderr: () => err.text(),
    stop: () => (stopping ??= stopGroup(child, leaderGone, exited)),
  };
}

async function stopGroup(child: ChildProcess, leaderGone: Promise<void>, exited: Promise<Exit>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, GRACE_MS, 'timeout').unref());
  if ((await Promise.race([leaderGone, timer])) === 'timeout') signalGroup(pid, 'SIGKILL');
  await leaderGone;
  // The leader is gone; anything it forked that ignored TERM still carries the group id.
  signalGroup(pid, 'SIGKILL');
  await exited; // the output pipes close once the last holder is gone
  untrack(pid);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: the group is already gone
  }
}

/** The ids of the process groups that are still running; tests use it to prove cleanup. */
export function liveGroups(): number[] {
  return [...live];
}

function track(pid: number): void {
  live.add(pid);
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.on('exit', killAll);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}

function untrack(pid: number): void {
  live.delete(pid);
  // With nothing to clean up, give the signals back to whoever else listens (or the default).
  if (live.size === 0) removeHandlers();
}

function removeHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off('exit', killAll);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

function killAll(): void {
  for (const pid of live) signalGroup(pid, 'SIGKILL');
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  removeHandlers();
  // Die of the same signal, as we would have without these handlers.
  process.kill(process.pid, signal);
}

/** The last TAIL_BYTES of a stream. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > TAIL_BYTES && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8').slice(-TAIL_BYTES);
  }
}

export interface Completed extends Exit {
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a program to its end (or until timeoutMs, then stops its whole group). */
export async function runToEnd(program: string, args: readonly string[], options: SpawnOptions & { timeoutMs: number }): Promise<Completed> {
  const proc = spawnGroup(program, args, options);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, options.timeoutMs, 'timeout');
  });
  try {
    const first = await Promise.race([proc.exited, timeout]);
    const exit = first === 'timeout' ? { code: null, signal: null } : first;
    return { ...exit, stdout: proc.stdout(), stderr: proc.stderr(), timedOut: first === 'timeout' };
  } finally {
    clearTimeout(timer);
    await proc.stop();
  }
}
