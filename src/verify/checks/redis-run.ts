import type { Check } from '../chapter.js';
import { MANIFEST_FILE, type RunManifest } from '../manifest.js';
import { prepareAppDir } from '../run/node-deps.js';
import { requireRuntime } from '../run/runtime.js';
import { appTargets, type AppTarget } from '../run/targets.js';
import { startApp, startedText, stopAll, type Started } from '../services/app.js';
import { send } from '../services/http.js';
import { sharedRedis } from '../services/redis.js';
import type { Finding } from '../types.js';

const TIMEOUT_MS = 15_000;

/**
 * redis-run: the app with its real Redis client (redis-py, node-redis) against a real
 * redis-server (services/redis.ts: one per run, a database per chapter, a password). The app
 * gets the server's address, port, password and database number in the settings example.json
 * names. The counter route is called twice and must count 1, then 2; the count must be in
 * Redis under example.json's key (not in the app's memory); and after the app is restarted the
 * next call must count 3.
 */
export const redisRunCheck: Check = {
  async run(chapter) {
    const read = await chapter.manifest();
    if (!read.ok) return [{ variant: 'both', status: 'fail', message: read.error, file: MANIFEST_FILE }];
    if (!read.manifest.redis) return [];
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) findings.push(await runTarget(read.manifest, target, chapter.dir));
    return findings;
  },
};

async function runTarget(example: RunManifest, target: AppTarget, chapterDir: string): Promise<Finding> {
  const { variant } = target;
  const redisUse = example.redis!;
  await requireRuntime(example, target.dir, 'run');
  const redis = await sharedRedis();
  const db = redis.database(`${chapterDir}:${variant}`);
  await redis.command(db, 'FLUSHDB');
  const app = await prepareAppDir(example, target.dir, 'run');
  const env = { [redisUse.env.host]: '127.0.0.1', [redisUse.env.port]: String(redis.port), [redisUse.env.password]: redis.password, [redisUse.env.db]: String(db) };
  const started: Started[] = [];
  const all: Started[] = [];
  const launch = async () => {
    const one = await startApp(example, app.dir, env);
    started.push(one);
    all.push(one);
  };
  const said: string[] = [];
  let finding: Finding | undefined;
  const fail = (message: string): Finding => ({ variant, status: 'fail', message });
  try {
    await launch();
    const first = await visit(started[0]!.port, redisUse.route);
    const second = await visit(started[0]!.port, redisUse.route);
    const stored = await redis.command(db, 'GET', redisUse.key);
    said.push(`GET ${redisUse.route} → ${first.status} ${JSON.stringify(first.body)}, then ${second.status} ${JSON.stringify(second.body)}`);
    if (first.status !== 200 || second.status !== 200) finding = fail(`GET ${redisUse.route} answered ${first.status}, then ${second.status}: ${second.body.slice(0, 300)}`);
    else if (first.count !== 1 || second.count !== 2 || stored !== '2') {
      finding = fail(`GET ${redisUse.route} twice on an empty database answered ${JSON.stringify(first.body)} and ${JSON.stringify(second.body)}, and key ${redisUse.key} in Redis database ${db} holds ${JSON.stringify(stored)}; expected the counts 1, 2 and 2 in Redis: the app must count in Redis (INCR of ${redisUse.key}, in the database ${redisUse.env.db} names), not in its own memory`);
    }
    else {
      said.push(`key ${redisUse.key} in database ${db} holds 2`);
      await stopAll(started.splice(0));
      await launch();
      const third = await visit(started[0]!.port, redisUse.route);
      if (third.count !== 3) finding = fail(`after the app restarted, GET ${redisUse.route} answered ${third.status} ${JSON.stringify(third.body)}; expected the count 3 from Redis`);
      else said.push(`after a restart of the app → ${JSON.stringify(third.body)}`);
    }
  } catch (error) {
    finding = fail((error as Error).message);
  }
  const stopped = await stopAll(started);
  await app.dispose();
  if (stopped.leftover) return fail(stopped.leftover);
  const server = `redis-server ${redis.version} (pid ${redis.process.pid}, 127.0.0.1:${redis.port}, started once for the run, with a password)`;
  if (finding) return { ...finding, message: `${finding.message}; ${server}, database ${db}` };
  return { variant, status: 'pass', message: `${server}, database ${db}: ${said.join('; ')}; ${startedText(all)}; stopped each app by its process group${app.note ? ` (${app.note})` : ''}; ${target.note}` };
}

/** One visit of the counter route; the count is the first whole number in the answer. */
async function visit(port: number, route: string): Promise<{ status: number; body: string; count?: number }> {
  const answer = await send(`http://127.0.0.1:${port}${route}`, { method: 'GET', timeoutMs: TIMEOUT_MS });
  const body = answer.body.toString('utf8').trim();
  const number = /\d+/.exec(body)?.[0];
  return { status: answer.status, body: body.slice(0, 200), count: number === undefined ? undefined : Number(number) };
}
