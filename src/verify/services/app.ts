import type { RunManifest } from '../manifest.js';
import { localRunCommand } from '../run/command.js';
import { runEnvironment, tail } from '../run/environment.js';
import { freePort, portOpen, waitForPort } from '../run/http.js';
import { send } from './http.js';
import { spawnGroup, type GroupProcess } from '../run/processes.js';

const START_TIMEOUT_MS = 15_000;

/** A program the verification started: what it is, its process group and its port. */
export interface Started {
  what: string;
  process: GroupProcess;
  port: number;
}

/**
 * Starts the example's app on 127.0.0.1 and a free port, as app-run does, with extra settings
 * (the local S3 or mail stub), and waits until it listens. The caller stops it (stopAll).
 */
export async function startApp(example: RunManifest, dir: string, extraEnv: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const command = localRunCommand(example.run.command, example.port, port, { ...example.run.env, ...extraEnv });
  const process = spawnGroup(command.program, command.args, { cwd: dir, env: runEnvironment(command.env) });
  const started: Started = { what: 'app', process, port };
  await waitListening(started);
  await waitAnswering(started, example.expect.path);
  return started;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Like the chart's readinessProbe: the app counts as started once it answers its own path with
 * any HTTP status. gunicorn opens the port before its workers have imported the app, and an app
 * with an ORM and a migration tool takes seconds to import on a busy machine.
 */
async function waitAnswering(started: Started, path: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline && !started.process.hasExited()) {
    try {
      await send(`http://127.0.0.1:${started.port}${path}`, { method: 'GET', timeoutMs: Math.max(1000, deadline - Date.now()) });
      return;
    } catch (error) {
      last = (error as Error).message;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await started.process.stop();
  throw new Error(`${started.what} on 127.0.0.1:${started.port} did not answer GET ${path} within ${READY_TIMEOUT_MS / 1000} s (${last || 'it exited'})${outputOf(started.process)}`);
}

/** Waits for a started program's port; throws with its output when it exits or never listens. */
export async function waitListening(started: Started): Promise<void> {
  const state = await waitForPort(started.port, START_TIMEOUT_MS, started.process.hasExited);
  if (state === 'open') return;
  const why = state === 'exited' ? `exited (${(await started.process.exited).code})` : `did not listen within ${START_TIMEOUT_MS / 1000} s`;
  await started.process.stop();
  throw new Error(`${started.what} ${why} before listening on 127.0.0.1:${started.port}${outputOf(started.process)}`);
}

/**
 * Stops every started program by its process group, newest first, and says what it stopped;
 * a port still open afterwards is a failure (something escaped its group).
 */
export async function stopAll(started: Started[]): Promise<{ said: string; leftover?: string }> {
  for (const s of [...started].reverse()) await s.process.stop();
  const open: string[] = [];
  for (const s of started) if (await portOpen(s.port)) open.push(`${s.what} on 127.0.0.1:${s.port}`);
  const said = started.length ? `stopped ${started.map((s) => `${s.what} (pid ${s.process.pid})`).join(', ')}` : 'nothing started';
  return { said, leftover: open.length ? `still listening after stop: ${open.join(', ')}` : undefined };
}

export function startedText(started: Started[]): string {
  return `started ${started.map((s) => `${s.what} (pid ${s.process.pid}, 127.0.0.1:${s.port})`).join(', ')}`;
}

export function outputOf(process: GroupProcess): string {
  const text = [process.stderr(), process.stdout()].filter((s) => s.trim() !== '').join('\n');
  return text ? `\n${tail(text)}` : '';
}
