import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingToolError } from '../errors.js';
import { freePort, portOpen } from '../run/http.js';
import { runToEnd, spawnGroup } from '../run/processes.js';
import { waitListening, type Started } from './app.js';

const REDIS_SERVER = '/usr/bin/redis-server';
const REDIS_CLI = '/usr/bin/redis-cli';
/** Logical databases of the shared server: each chapter (and builder, when they differ) gets one. */
const DATABASES = 64;

/**
 * A real Redis (Debian's redis-server) shared by a whole test-examples run: started on the
 * first chapter that needs it, on 127.0.0.1 and a free port, with a password of its own and no
 * persistence, in its own process group; stopped by its pid at the end of the run
 * (stopSharedRedis). Starting it once keeps a run of many chapters fast; each chapter works in
 * a database number of its own (`database(owner)`), emptied before use, so chapters never see
 * each other's keys.
 */
export interface SharedRedis extends Started {
  password: string;
  version: string;
  /** The database number of `owner` (a chapter folder and builder), the same for the whole run. */
  database(owner: string): number;
  /** Runs one command with redis-cli against `db` and returns its raw answer. */
  command(db: number, ...args: string[]): Promise<string>;
}

let shared: Promise<SharedRedis> | undefined;
let sharedDir: string | undefined;

export function sharedRedis(): Promise<SharedRedis> {
  shared ??= startRedis().catch((error: unknown) => {
    shared = undefined; // a later chapter may try again (e.g. after the package is installed)
    throw error;
  });
  return shared;
}

/** Stops the shared server if this run started one; says what it stopped. */
export async function stopSharedRedis(): Promise<string | undefined> {
  if (!shared) return undefined;
  const starting = shared;
  shared = undefined;
  let redis: SharedRedis;
  try {
    redis = await starting;
  } catch {
    return undefined;
  }
  await redis.process.stop();
  if (sharedDir) await rm(sharedDir, { recursive: true, force: true });
  sharedDir = undefined;
  if (await portOpen(redis.port)) throw new Error(`redis-server (pid ${redis.process.pid}) still listens on 127.0.0.1:${redis.port} after stop`);
  return `stopped redis-server (pid ${redis.process.pid})`;
}

async function startRedis(): Promise<SharedRedis> {
  if (!existsSync(REDIS_SERVER) || !existsSync(REDIS_CLI)) throw new MissingToolError('redis-server', 'redis-server');
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  sharedDir = await mkdtemp(join(tmpdir(), 'stackdoc-redis-'));
  // nothing is written to disk: no RDB snapshots, no append-only file; the config comes from
  // the command line only, so the machine's /etc/redis/redis.conf plays no part
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--requirepass', password, '--databases', String(DATABASES), '--save', '', '--appendonly', 'no', '--dir', sharedDir, '--daemonize', 'no', '--protected-mode', 'yes', '--logfile', ''];
  const proc = spawnGroup(REDIS_SERVER, args, { cwd: sharedDir, env: { PATH: '/usr/bin:/bin' } });
  const started: Started = { what: 'redis-server', process: proc, port };
  await waitListening(started);
  const owners = new Map<string, number>();
  const command = async (db: number, ...words: string[]): Promise<string> => {
    const run = await runToEnd(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), '-n', String(db), '--raw', ...words], {
      cwd: sharedDir!,
      env: { PATH: '/usr/bin:/bin', REDISCLI_AUTH: password },
      timeoutMs: 10_000,
    });
    if (run.code !== 0 || /^(ERR|NOAUTH|WRONGPASS)/m.test(run.stdout)) throw new Error(`redis-cli ${words.join(' ')} failed: ${(run.stderr || run.stdout).trim()}`);
    return run.stdout.replace(/\n$/, '');
  };
  const info = await command(0, 'INFO', 'server');
  return {
    ...started,
    password,
    version: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    database(owner) {
      let db = owners.get(owner);
      if (db === undefined) {
        db = owners.size + 1; // 0 stays unused: an app that ignores its database number shows up as a miss
        if (db >= DATABASES) throw new Error(`more than ${DATABASES - 1} Redis users in one run; raise DATABASES in services/redis.ts`);
        owners.set(owner, db);
      }
      return db;
    },
    command,
  };
}
