import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * example.json: how the emitter says the chapter's app runs. `run.command` is the command as the
 * container runs it (the same as the Dockerfile CMD and werf.yaml docker.CMD); the app checks map
 * it onto this machine (see run/command.ts).
 */
export interface RunManifest {
  runtime: 'python' | 'node';
  /** The port the app listens on inside the container. */
  port: number;
  run: { command: string[]; env: Record<string, string> };
  expect: { path: string; status: number; body: string };
  /**
   * The tests; `env`, when given, is the environment they run with instead of run.env (a CI job
   * that runs them in the image has none of the chart's settings).
   */
  test?: { command: string[]; env?: Record<string, string> };
  /** The linter, run over the tree like the tests. */
  lint?: { command: string[] };
  /** The front-end bundle: built with `install` then `build` in `dir`, into `dir/output/bundle`. */
  assets?: { dir: string; install: string[]; build: string[]; output: string; bundle: string };
  /** nginx in the app's Pod: werf image name, config file in the tree, port, where it serves the bundle from. */
  nginx?: { image: string; config: string; port: number; root: string; static_path: string };
  /** S3: the route that takes (PUT) and serves (GET) files, and the names of the settings the app reads. */
  s3?: { route: string; env: { endpoint: string; region: string; bucket: string; access_key: string; secret_key: string } };
  /** Mail: the route that sends a message, how often the app tries the provider, the names of its settings. */
  mail?: { route: string; attempts: number; env: { url: string; key: string; from: string } };
  /** Redis: the route that counts visits, the key the count is kept under, the names of the settings the app connects with. */
  redis?: { route: string; key: string; env: { host: string; port: string; password: string; db: string } };
  /** PostgreSQL as a subchart: where its values sit, the settings the app reads, the hook Jobs, what the app serves from it. */
  database?: DatabaseManifest;
  /** The Kubernetes version (`1.20`) the chart is written for: its API versions must be served there. */
  kubernetes?: string;
  /** Several apps in one repository: a worker, a CronJob and a second app of another language. */
  apps?: AppsManifest;
}

export interface DatabaseManifest {
  /** The subchart's key in .helm/values.yaml (its name in requirements.yaml). */
  values: string;
  /** The names of the settings the app and the Jobs read. */
  env: { host: string; port: string; name: string; user: string; password: string };
  /** The templates (relative to .helm) that hold the migration and fixture Jobs. */
  jobs: { migrations: string; fixtures: string };
  /** A route the app answers from the database, and a piece of the fixtures it must show. */
  route: string;
  body: string;
}

/** A process of the app's own image started with a command of its own (worker, CronJob). */
export interface AppProcess {
  name: string;
  /** The werf image it runs. */
  image: string;
  command: string[];
}

export interface AppsManifest {
  /** The list the web app pushes jobs to and the list of finished jobs (Redis as example.json `redis` says). */
  queue: string;
  done: string;
  /** The web app's route that puts a job on the queue. */
  route: string;
  worker: AppProcess;
  cron: AppProcess & { schedule: string; keep_env: string; keep: number };
  /** The second app: its folder in the tree, werf image, runtime, port, Ingress path and start command. */
  second: { name: string; image: string; dir: string; runtime: 'python' | 'node'; port: number; path: string; command: string[] };
}

export const MANIFEST_FILE = 'example.json';

export type ManifestRead = { ok: true; manifest: RunManifest } | { ok: false; error: string };

export async function readManifest(chapterDir: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(join(chapterDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read ${MANIFEST_FILE}: ${(error as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${MANIFEST_FILE} is not JSON: ${(error as Error).message}` };
  }
  const problem = manifestProblem(data);
  if (problem) return { ok: false, error: `${MANIFEST_FILE}: ${problem}` };
  const manifest = data as RunManifest;
  // run.env may be left out when the app needs no settings
  return { ok: true, manifest: { ...manifest, run: { ...manifest.run, env: manifest.run.env ?? {} } } };
}

/** The first thing wrong with a parsed example.json, or undefined. */
export function manifestProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'must be an object';
  if (data.runtime !== 'python' && data.runtime !== 'node') return 'runtime must be "python" or "node"';
  if (!isPort(data.port)) return 'port must be an integer between 1 and 65535';
  const run = data.run;
  if (!isObject(run) || !isCommand(run.command)) return 'run.command must be a non-empty array of strings';
  if (run.env !== undefined && !isStringMap(run.env)) return 'run.env must map names to strings';
  const expect = data.expect;
  if (!isObject(expect)) return 'expect must be an object';
  if (typeof expect.path !== 'string' || !expect.path.startsWith('/')) return 'expect.path must be a path starting with /';
  if (!Number.isInteger(expect.status)) return 'expect.status must be an HTTP status code';
  if (typeof expect.body !== 'string') return 'expect.body must be a string';
  if (data.test !== undefined && (!isObject(data.test) || !isCommand(data.test.command))) {
    return 'test.command must be a non-empty array of strings';
  }
  if (isObject(data.test) && data.test.env !== undefined && !isStringMap(data.test.env)) return 'test.env must map names to strings';
  if (data.lint !== undefined && (!isObject(data.lint) || !isCommand(data.lint.command))) {
    return 'lint.command must be a non-empty array of strings';
  }
  if (data.assets !== undefined) {
    const a = data.assets;
    if (!isObject(a) || typeof a.dir !== 'string' || !isCommand(a.install) || !isCommand(a.build) || typeof a.output !== 'string' || typeof a.bundle !== 'string') {
      return 'assets must hold dir, install, build, output and bundle';
    }
  }
  if (data.nginx !== undefined) {
    const n = data.nginx;
    if (!isObject(n) || typeof n.image !== 'string' || typeof n.config !== 'string' || !isPort(n.port) || typeof n.root !== 'string' || typeof n.static_path !== 'string') {
      return 'nginx must hold image, config, port, root and static_path';
    }
  }
  if (data.s3 !== undefined) {
    const s3 = data.s3;
    if (!isObject(s3) || typeof s3.route !== 'string' || !isStringMap(s3.env) || !['endpoint', 'region', 'bucket', 'access_key', 'secret_key'].every((k) => k in (s3.env as object))) {
      return 's3 must hold route and env (endpoint, region, bucket, access_key, secret_key)';
    }
  }
  if (data.mail !== undefined) {
    const mail = data.mail;
    if (!isObject(mail) || typeof mail.route !== 'string' || !Number.isInteger(mail.attempts) || !isStringMap(mail.env) || !['url', 'key', 'from'].every((k) => k in (mail.env as object))) {
      return 'mail must hold route, attempts and env (url, key, from)';
    }
  }
  if (data.redis !== undefined) {
    const redis = data.redis;
    if (!isObject(redis) || typeof redis.route !== 'string' || typeof redis.key !== 'string' || !isStringMap(redis.env) || !['host', 'port', 'password', 'db'].every((k) => k in (redis.env as object))) {
      return 'redis must hold route, key and env (host, port, password, db)';
    }
  }
  if (data.database !== undefined) {
    const db = data.database;
    const keys = ['host', 'port', 'name', 'user', 'password'];
    if (!isObject(db) || typeof db.values !== 'string' || typeof db.route !== 'string' || typeof db.body !== 'string' || !isStringMap(db.env) || !keys.every((k) => k in (db.env as object)) || !isStringMap(db.jobs) || !('migrations' in db.jobs) || !('fixtures' in db.jobs)) {
      return `database must hold values, route, body, jobs (migrations, fixtures) and env (${keys.join(', ')})`;
    }
  }
  if (data.kubernetes !== undefined && (typeof data.kubernetes !== 'string' || !/^1\.\d+$/.test(data.kubernetes))) return 'kubernetes must be a version such as "1.20"';
  if (data.apps !== undefined) return appsProblem(data.apps);
  return undefined;
}

function appsProblem(apps: unknown): string | undefined {
  if (!isObject(apps) || !['queue', 'done', 'route'].every((k) => typeof apps[k] === 'string')) return 'apps must hold queue, done and route';
  for (const key of ['worker', 'cron'] as const) {
    const p = apps[key];
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.image !== 'string' || !isCommand(p.command)) return `apps.${key} must hold name, image and command`;
  }
  const cron = apps.cron as Record<string, unknown>;
  if (typeof cron.schedule !== 'string' || typeof cron.keep_env !== 'string' || !Number.isInteger(cron.keep)) return 'apps.cron must hold schedule, keep_env and keep';
  const second = apps.second;
  if (!isObject(second) || !['name', 'image', 'dir', 'path'].every((k) => typeof second[k] === 'string') || !isPort(second.port) || !isCommand(second.command)) {
    return 'apps.second must hold name, image, dir, port, path and command';
  }
  if (second.runtime !== 'python' && second.runtime !== 'node') return 'apps.second.runtime must be "python" or "node"';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPort(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536;
}

function isCommand(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((part) => typeof part === 'string');
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
}
