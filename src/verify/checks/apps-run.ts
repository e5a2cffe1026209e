import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Check } from '../chapter.js';
import { chatExchange } from '../apps/websocket.js';
import { MANIFEST_FILE, type RunManifest } from '../manifest.js';
import { localRunCommand } from '../run/command.js';
import { runEnvironment, tail } from '../run/environment.js';
import { freePort, httpGet } from '../run/http.js';
import { DependencyInstallError, prepareAppDir } from '../run/node-deps.js';
import { runToEnd, spawnGroup } from '../run/processes.js';
import { requireRuntime } from '../run/runtime.js';
import { appTargets, type AppTarget } from '../run/targets.js';
import { outputOf, startApp, startedText, stopAll, type Started } from '../services/app.js';
import { send } from '../services/http.js';
import { sharedRedis, type SharedRedis } from '../services/redis.js';
import type { Finding } from '../types.js';

const JOB_TIMEOUT_MS = 20_000;
const CRON_TIMEOUT_MS = 30_000;
const CHAT_TIMEOUT_MS = 10_000;

/**
 * apps-run: the chapter's other processes, for real.
 * - worker: the web app takes a job (POST to its route) and puts it on the Redis list; the
 *   worker, started as the chart starts it, takes it off the list and puts the result on the
 *   list of finished jobs; then it is stopped by SIGTERM and must exit by itself.
 * - CronJob: its command runs once against a list of finished jobs longer than it keeps, must
 *   exit 0 and leave the newest `keep` entries.
 * - second app: started from its own folder with its own runtime, it answers the readiness
 *   probe's GET /healthz and, at its Ingress path, a websocket chat: two clients connect, one
 *   sends, both receive.
 * Redis is the run's shared redis-server (services/redis.ts), a database of its own per tree.
 */
export const appsRunCheck: Check = {
  async run(chapter) {
    const read = await chapter.manifest();
    if (!read.ok) return [{ variant: 'both', status: 'fail', message: read.error, file: MANIFEST_FILE }];
    const example = read.manifest;
    if (!example.apps) return [];
    // the worker and the CronJob use the Redis of the redis chapter, as example.json `redis` names it
    if (!example.redis) return [{ variant: 'both', status: 'fail', message: `${MANIFEST_FILE} lists apps but no redis: the worker and the CronJob have no Redis to use`, file: MANIFEST_FILE }];
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) {
      await requireRuntime(example, target.dir, 'run');
      const redis = await sharedRedis();
      const db = redis.database(`${chapter.dir}#${target.variant}`);
      let prepared;
      try {
        prepared = await prepareAppDir(example, target.dir, 'run');
      } catch (error) {
        if (!(error instanceof DependencyInstallError)) throw error;
        findings.push({ variant: target.variant, status: 'fail', message: error.message });
        continue;
      }
      try {
        const dir = prepared.dir;
        findings.push(await workerRun(example, { ...target, dir }, redis, db));
        findings.push(await cronRun(example, { ...target, dir }, redis, db));
      } finally {
        await prepared.dispose();
      }
      findings.push(await secondAppRun(example, target));
    }
    return findings;
  },
};

/** The Redis settings (example.json `redis`) pointed at the run's server and the tree's database. */
function redisEnv(example: RunManifest, redis: SharedRedis, db: number): Record<string, string> {
  const names = example.redis!.env;
  return { [names.host]: '127.0.0.1', [names.port]: String(redis.port), [names.password]: redis.password, [names.db]: String(db) };
}

/** The settings a process of the app's image gets: the app's own, with Redis pointed here. */
function processEnv(example: RunManifest, redis: SharedRedis, db: number): Record<string, string> {
  return { ...example.run.env, ...redisEnv(example, redis, db) };
}

async function workerRun(example: RunManifest, target: AppTarget, redis: SharedRedis, db: number): Promise<Finding> {
  const apps = example.apps!;
  const { variant } = target;
  const fail = (message: string): Finding => ({ variant, status: 'fail', message: `worker: ${message}` });
  await redis.command(db, 'FLUSHDB');
  const env = processEnv(example, redis, db);
  const started: Started[] = [];
  const said: string[] = [];
  let problem: string | undefined;
  try {
    // the web app puts the job on the list
    const app = await startApp(example, target.dir, redisEnv(example, redis, db));
    started.push(app);
    const text = `stackdoc check ${randomBytes(4).toString('hex')} one two`;
    const answer = await send(`http://127.0.0.1:${app.port}${apps.route}`, { method: 'POST', body: JSON.stringify({ text }), headers: { 'content-type': 'application/json' }, timeoutMs: 30_000 });
    const body = answer.body.toString('utf8');
    const id = jobId(body);
    const queued = Number(await redis.command(db, 'LLEN', apps.queue));
    if (answer.status !== 202 || id === undefined) problem = `POST ${apps.route} answered ${answer.status} ${JSON.stringify(body.slice(0, 200))}; expected 202 with the job's id`;
    else if (queued !== 1) problem = `after POST ${apps.route} the list ${apps.queue} holds ${queued} jobs, expected 1`;
    else {
      said.push(`POST ${apps.route} → 202, job ${id} on ${apps.queue}`);
      // the worker, as the chart starts it
      const command = localRunCommand(apps.worker.command, example.port, await freePort(), env);
      const worker = spawnGroup(command.program, command.args, { cwd: target.dir, env: runEnvironment(command.env) });
      const workerStarted: Started = { what: 'worker', process: worker, port: 0 };
      started.push(workerStarted);
      const result = await waitFor(async () => {
        const done = (await redis.command(db, 'LRANGE', apps.done, '0', '-1')).split('\n').filter(Boolean);
        return done.find((entry) => entry.includes(id));
      }, JOB_TIMEOUT_MS, worker.hasExited);
      if (result === undefined) {
        problem = `${worker.hasExited() ? `exited (${(await worker.exited).code})` : `did not finish job ${id} within ${JOB_TIMEOUT_MS / 1000} s`}: nothing about it on ${apps.done}${outputOf(worker)}`;
      } else {
        const left = Number(await redis.command(db, 'LLEN', apps.queue));
        said.push(`worker took it off ${apps.queue} (${left} left) and put ${result} on ${apps.done}`);
        await worker.stop();
        const exit = await worker.exited;
        if (exit.signal === 'SIGKILL') problem = `did not exit on SIGTERM within the grace period: Kubernetes would kill it mid-job`;
        else said.push(`SIGTERM → exited ${exit.code ?? exit.signal}`);
      }
    }
  } catch (error) {
    problem = (error as Error).message;
  }
  const stopped = await stopWorkerAndApp(started);
  const what = started.map((s) => `${s.what} (pid ${s.process.pid}${s.port > 0 ? `, 127.0.0.1:${s.port}` : ''})`).join(', ');
  if (problem) return fail(`${problem}; started ${what}; ${stopped}`);
  return { variant, status: 'pass', message: `worker: ${said.join('; ')}; Redis ${redis.version} database ${db}; started ${what}; ${stopped}; ${target.note}` };
}

async function cronRun(example: RunManifest, target: AppTarget, redis: SharedRedis, db: number): Promise<Finding> {
  const { cron, done } = example.apps!;
  const { variant } = target;
  await redis.command(db, 'FLUSHDB');
  // more finished jobs than the task keeps, newest first as the worker adds them
  const total = cron.keep + 5;
  const entries = Array.from({ length: total }, (_, i) => JSON.stringify({ id: `old-${i}` }));
  await redis.command(db, 'LPUSH', done, ...entries);
  const env = { ...processEnv(example, redis, db), [cron.keep_env]: String(cron.keep) };
  const command = localRunCommand(cron.command, example.port, await freePort(), env);
  const began = Date.now();
  const run = await runToEnd(command.program, command.args, { cwd: target.dir, env: runEnvironment(command.env), timeoutMs: CRON_TIMEOUT_MS });
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  const shown = `\`${cron.command.join(' ')}\``;
  if (run.timedOut) return { variant, status: 'fail', message: `CronJob ${cron.name}: ${shown} did not finish within ${CRON_TIMEOUT_MS / 1000} s\n${tail(run.stdout + run.stderr)}` };
  if (run.code !== 0) return { variant, status: 'fail', message: `CronJob ${cron.name}: ${shown} exited ${run.code ?? run.signal}: Kubernetes would count the Job as failed and retry it\n${tail(run.stdout + run.stderr)}` };
  const left = Number(await redis.command(db, 'LLEN', done));
  const newest = await redis.command(db, 'LINDEX', done, '0');
  if (left !== cron.keep || newest !== entries[total - 1]) {
    return { variant, status: 'fail', message: `CronJob ${cron.name}: ${shown} exited 0 but left ${left} of ${total} entries on ${done} (newest ${newest}); expected the newest ${cron.keep}` };
  }
  return { variant, status: 'pass', message: `CronJob ${cron.name}: ${shown} ran once and exited 0 in ${seconds} s; ${done}: ${total} → ${left}, the newest kept; ${target.note}` };
}

async function secondAppRun(example: RunManifest, target: AppTarget): Promise<Finding> {
  const second = example.apps!.second;
  const { variant } = target;
  const fail = (message: string): Finding => ({ variant, status: 'fail', message: `second app ${second.name}: ${message}` });
  // the second app is a program of its own: its folder, its runtime, its dependencies
  const own: RunManifest = { ...example, runtime: second.runtime, port: second.port, run: { command: second.command, env: {} } };
  const sourceDir = join(target.dir, second.dir);
  await requireRuntime(own, sourceDir, 'run');
  let prepared;
  try {
    prepared = await prepareAppDir(own, sourceDir, 'run');
  } catch (error) {
    if (!(error instanceof DependencyInstallError)) throw error;
    return fail(error.message);
  }
  const started: Started[] = [];
  let finding: Finding;
  try {
    const app = await startApp(own, prepared.dir);
    app.what = second.name;
    started.push(app);
    const health = await httpGet(`http://127.0.0.1:${app.port}/healthz`, 5000);
    const text = `hello from stackdoc ${randomBytes(4).toString('hex')}`;
    if (health.status !== 200) finding = fail(`GET /healthz (the readiness probe) answered ${health.status}`);
    else {
      const got = await chatExchange(`ws://127.0.0.1:${app.port}${second.path}`, text, CHAT_TIMEOUT_MS);
      if (got.sender !== text || got.other !== text) finding = fail(`sent ${JSON.stringify(text)} at ${second.path}; the sender got ${JSON.stringify(got.sender)}, the other client ${JSON.stringify(got.other)}`);
      else {
        finding = { variant, status: 'pass', message: `second app ${second.name} (${second.runtime}, ${second.dir}/): GET /healthz → 200; two websocket clients at ${second.path}, one sent ${JSON.stringify(text)}, both received it` };
      }
    }
  } catch (error) {
    finding = fail((error as Error).message);
  }
  const stopped = await stopAll(started);
  await prepared.dispose();
  if (stopped.leftover) return fail(stopped.leftover);
  return { ...finding, message: `${finding.message}; ${startedText(started)}; ${stopped.said}${prepared.note ? ` (${prepared.note})` : ''}` };
}

/** Stops the worker and the app; the worker has no port, so stopAll's port check covers the app only. */
async function stopWorkerAndApp(started: Started[]): Promise<string> {
  for (const s of [...started].reverse()) await s.process.stop();
  const withPorts = started.filter((s) => s.port > 0);
  const result = await stopAll(withPorts);
  const names = started.map((s) => `${s.what} (pid ${s.process.pid})`).join(', ');
  return result.leftover ?? `stopped ${names}`;
}

/** Polls `probe` every 200 ms until it returns something, `timeoutMs` passes, or the process exits. */
async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, exited: () => boolean): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (exited() || Date.now() > end) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function jobId(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
