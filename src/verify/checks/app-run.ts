import type { Check } from '../chapter.js';
import type { RunManifest } from '../manifest.js';
import { MANIFEST_FILE } from '../manifest.js';
import { localRunCommand, UnmappedProgramError } from '../run/command.js';
import { runEnvironment, tail } from '../run/environment.js';
import { freePort, httpGet, portOpen, waitForPort } from '../run/http.js';
import { DependencyInstallError, prepareAppDir } from '../run/node-deps.js';
import { spawnGroup, type GroupProcess } from '../run/processes.js';
import { requireRuntime } from '../run/runtime.js';
import { appTargets, type AppTarget } from '../run/targets.js';
import type { Finding } from '../types.js';

const START_TIMEOUT_MS = 15_000;
// gunicorn workers import the app on the first request (no --preload): with boto3 and redis-py
// on a busy shared machine that alone can take over 10 s
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * app-run: starts the app as example.json says (mapped to this machine, see run/command.ts),
 * waits for its port, GETs expect.path and compares the status and that the body contains
 * expect.body. The app runs in its own process group and is stopped by id in a finally, so
 * nothing keeps running whatever happens; a crash of stackdoc itself is covered by the exit
 * handlers in run/processes.ts.
 */
export const appRunCheck: Check = {
  async run(chapter) {
    const manifest = await chapter.manifest();
    if (!manifest.ok) return [{ variant: 'both', status: 'fail', message: manifest.error, file: MANIFEST_FILE }];
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) {
      await requireRuntime(manifest.manifest, target.dir, 'run');
      let prepared;
      try {
        prepared = await prepareAppDir(manifest.manifest, target.dir, 'run');
      } catch (error) {
        if (!(error instanceof DependencyInstallError)) throw error;
        findings.push({ variant: target.variant, status: 'fail', message: error.message });
        continue;
      }
      try {
        const note = prepared.note ? `${target.note}; ${prepared.note}` : target.note;
        findings.push(await runApp(manifest.manifest, { ...target, dir: prepared.dir, note }));
      } finally {
        await prepared.dispose();
      }
    }
    return findings;
  },
};

async function runApp(example: RunManifest, target: AppTarget): Promise<Finding> {
  const { variant } = target;
  const port = await freePort();
  let command;
  try {
    command = localRunCommand(example.run.command, example.port, port, example.run.env);
  } catch (error) {
    if (error instanceof UnmappedProgramError) return { variant, status: 'fail', message: error.message, file: MANIFEST_FILE };
    throw error;
  }
  const url = `http://127.0.0.1:${port}${example.expect.path}`;
  const app = spawnGroup(command.program, command.args, { cwd: target.dir, env: runEnvironment(command.env) });
  let finding: Finding;
  try {
    finding = await probe(app, port, url, example, target);
  } catch (error) {
    finding = { variant, status: 'fail', message: `GET ${url} failed: ${(error as Error).message}${output(app)}` };
  } finally {
    await app.stop();
  }
  if (await portOpen(port)) {
    return { variant, status: 'fail', message: `something still listens on 127.0.0.1:${port} after the app was stopped` };
  }
  return finding;
}

async function probe(app: GroupProcess, port: number, url: string, example: RunManifest, target: AppTarget): Promise<Finding> {
  const { variant } = target;
  const started = await waitForPort(port, START_TIMEOUT_MS, app.hasExited);
  if (started === 'exited') {
    const exit = await app.exited;
    return { variant, status: 'fail', message: `the app exited (${exit.code ?? exit.signal}) before listening on 127.0.0.1:${port}${output(app)}` };
  }
  if (started === 'timeout') {
    return { variant, status: 'fail', message: `the app did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS / 1000} s${output(app)}` };
  }
  const answer = await httpGet(url, REQUEST_TIMEOUT_MS);
  const { status, body } = example.expect;
  if (answer.status !== status) {
    return { variant, status: 'fail', message: `GET ${example.expect.path} answered ${answer.status}, expected ${status}${output(app)}` };
  }
  if (!answer.body.includes(body)) {
    return { variant, status: 'fail', message: `GET ${example.expect.path} answered ${answer.status} without ${JSON.stringify(body)} in the body: ${JSON.stringify(answer.body.slice(0, 200))}` };
  }
  return { variant, status: 'pass', message: `GET ${example.expect.path} → ${answer.status} with ${JSON.stringify(body)} (${target.note})` };
}

function output(app: GroupProcess): string {
  const text = [app.stderr(), app.stdout()].filter((s) => s.trim() !== '').join('\n');
  return text ? `\n${tail(text)}` : '';
}
