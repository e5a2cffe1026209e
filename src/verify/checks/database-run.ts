import type { Container } from 'kubernetes-types/core/v1.js';
import { basename, dirname, join } from 'node:path';
import type { Chapter } from '../chapter.js';
import { containerEnv, podTemplates, stringList } from '../consistency/objects.js';
import { chartFullname } from '../helm/chart-facts.js';
import { containerCommand, renderedJobs, type RenderedJob } from '../helm/jobs.js';
import { manifestsOf } from '../helm/manifests.js';
import { chartValues } from '../helm/render.js';
import { MANIFEST_FILE, type DatabaseManifest, type RunManifest } from '../manifest.js';
import { localJobCommand } from '../run/command.js';
import { runEnvironment, tail } from '../run/environment.js';
import { prepareAppDir } from '../run/node-deps.js';
import { runToEnd } from '../run/processes.js';
import { requireRuntime } from '../run/runtime.js';
import { appTargets, type AppTarget } from '../run/targets.js';
import { startApp, stopAll, type Started } from '../services/app.js';
import { send } from '../services/http.js';
import { sharedPostgres, type Database } from '../services/postgres.js';
import type { Finding } from '../types.js';

const JOB_TIMEOUT_MS = 120_000;
/** Bitnami's PostgreSQL chart: its name (the Service is named after it) and default port and user. */
const CHART_NAME = 'postgresql';
const DEFAULT_PORT = '5432';
const DEFAULT_USER = 'postgres';

/**
 * database-run: the chapter's database work done for real against PostgreSQL 15 (one server per
 * test-examples run, services/postgres.ts), in a fresh database for this tree, created for the
 * user and password the tree's values give the PostgreSQL subchart:
 *
 * 1. the settings the Jobs and the app get (rendered for production) point at the subchart's
 *    Service (named by Bitnami's rules from the release), its port, database, user and password;
 * 2. the migration Job's containers run, init containers first (the wait for the database), with
 *    the commands and settings the chart gives them, on the empty database; then once more, as
 *    on the next deploy's post-upgrade, when they must have nothing to do;
 * 3. the fixture Job's containers run the same way;
 * 4. the app starts with its Deployment's settings and must answer `database.route` with the
 *    fixtures in the body;
 * 5. the fixture Job runs once more, as on the next deploy's post-upgrade, while the app serves:
 *    the app's answer must not change (no sample data loaded twice).
 * Only the address changes: 127.0.0.1, the server's port and this tree's database.
 */
export const databaseRunCheck = {
  async run(chapter: Chapter): Promise<Finding[]> {
    const read = await chapter.manifest();
    if (!read.ok) return [{ variant: 'both', status: 'fail', message: read.error, file: MANIFEST_FILE }];
    if (!read.manifest.database) return [];
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) findings.push(await runTarget(chapter, read.manifest, target));
    return findings;
  },
};

async function runTarget(chapter: Chapter, example: RunManifest, target: AppTarget): Promise<Finding> {
  const { variant } = target;
  const database = example.database!;
  const fail = (message: string, file?: string): Finding => ({ variant, status: 'fail', message, ...(file ? { file } : {}) });
  const renderVariant = variant === 'both' ? 'stapel' : variant;
  const outcome = await chapter.render(renderVariant);
  if (outcome.status !== 'ok') return { variant, status: 'skip', message: 'the chart did not render (see helm-render)' };
  const values = await chartValues(join(chapter.variantDir(renderVariant), '.helm'));
  if ('error' in values) return fail(values.error, `${renderVariant}/.helm/${values.file}`);
  const sub = record(values.values[database.values]);
  const expected = subchartSettings(sub, `${outcome.project}-production`);
  if (typeof expected === 'string') return fail(`.helm values ${database.values}: ${expected}`, `${renderVariant}/.helm/values.yaml`);

  const production = outcome.renders.find((r) => r.env === 'production')!;
  const { manifests } = manifestsOf(production);
  const jobs = renderedJobs(manifests);
  const migrations = jobs.find((j) => j.manifest.template === database.jobs.migrations);
  const fixtures = jobs.find((j) => j.manifest.template === database.jobs.fixtures);
  if (!migrations || !fixtures) return fail(`the chart renders no ${!migrations ? 'migration' : 'fixture'} Job in ${!migrations ? database.jobs.migrations : database.jobs.fixtures} (see hook-jobs)`, `${renderVariant}/.helm`);
  const app = podTemplates(manifests)
    .filter((pod) => pod.owner.object.kind !== 'Job')
    .flatMap((pod) => pod.containers)
    .find((c) => same(stringList(c.command), example.run.command));
  if (!app) return fail(`no Deployment container starts the app command ${example.run.command.join(' ')} (see consistency)`, `${renderVariant}/.helm`);

  // 1. every container that talks to the database is pointed at the subchart
  for (const [who, container] of [...containersOf(migrations), ...containersOf(fixtures), [`the app container ${app.name}`, app] as const]) {
    const problem = settingsProblem(container, database, expected);
    if (problem) return fail(`${who}: ${problem}`, `${renderVariant}/.helm`);
  }

  await requireRuntime(example, target.dir, 'run');
  const prepared = await prepareAppDir(example, target.dir, 'run');
  const started: Started[] = [];
  const said: string[] = [];
  let finding: Finding | undefined;
  try {
    const server = await sharedPostgres();
    const db = await server.freshDatabase(databaseName(chapter.dir, variant), expected.user, expected.password);
    const local = localSettings(database, db);
    said.push(`database ${db.name} for user ${db.user} on postgres (pid ${server.pid}, 127.0.0.1:${db.port})`);

    const first = await runJob(migrations, prepared.dir, local);
    if (first) throw new Error(`on the empty database, ${first}`);
    said.push(`migrations (${commandsOf(migrations)}) ran on the empty database`);
    const again = await runJob(migrations, prepared.dir, local);
    if (again) throw new Error(`run again, as on the next deploy's post-upgrade, ${again}`);
    said.push('ran again with nothing to do');
    const loaded = await runJob(fixtures, prepared.dir, local);
    if (loaded) throw new Error(`after the migrations, ${loaded}`);
    said.push(`fixtures (${commandsOf(fixtures)}) loaded`);

    const appEnv = { ...envValues(app), ...local };
    const running = await startApp(example, prepared.dir, appEnv);
    started.push(running);
    const answer = await send(`http://127.0.0.1:${running.port}${database.route}`, { method: 'GET', timeoutMs: 30_000 });
    const body = answer.body.toString('utf8');
    if (answer.status !== 200 || !body.includes(database.body)) {
      throw new Error(`GET ${database.route} answered ${answer.status} ${JSON.stringify(body.slice(0, 300))}; expected 200 with ${JSON.stringify(database.body)} from the fixtures`);
    }
    said.push(`GET ${database.route} → 200 with ${JSON.stringify(database.body)}`);

    const reloaded = await runJob(fixtures, prepared.dir, local);
    if (reloaded) throw new Error(`run again, as on the next deploy's post-upgrade, ${reloaded}`);
    const after = await send(`http://127.0.0.1:${running.port}${database.route}`, { method: 'GET', timeoutMs: 30_000 });
    if (after.status !== 200 || after.body.toString('utf8') !== body) {
      throw new Error(`the fixtures run again, as on the next deploy's post-upgrade, changed what GET ${database.route} answers (${after.status} ${JSON.stringify(after.body.toString('utf8').slice(0, 300))}, before ${JSON.stringify(body.slice(0, 300))}): load them only into an empty table`);
    }
    said.push('fixtures run again with nothing to load');
  } catch (error) {
    finding = fail((error as Error).message);
  }
  const stopped = await stopAll(started);
  await prepared.dispose();
  if (stopped.leftover) return fail(stopped.leftover);
  if (finding) return finding;
  return { variant, status: 'pass', message: `${said.join('; ')}; ${stopped.said}${prepared.note ? ` (${prepared.note})` : ''}; ${target.note}` };
}

interface SubchartSettings {
  host: string;
  port: string;
  name: string;
  user: string;
  password: string;
}

/**
 * What the subchart creates, by Bitnami's PostgreSQL chart (8.x, the Helm 2 line): the Service
 * `<release>-postgresql` (the release name alone when it holds the chart's name;
 * `fullnameOverride` wins; 63 characters at most), `service.port`, and the database and user
 * from `postgresqlDatabase`/`postgresqlUsername` with `postgresqlPassword`. Without a password
 * in the values the chart makes a random one, which the app could not know: that is an error.
 */
export function subchartSettings(sub: Record<string, unknown>, release: string): SubchartSettings | string {
  const password = sub.postgresqlPassword;
  const name = sub.postgresqlDatabase;
  if (typeof password !== 'string' || password === '') return 'sets no postgresqlPassword (put it in .helm/secret-values.yaml): without it the chart makes a random one the app cannot know';
  if (typeof name !== 'string' || name === '') return 'sets no postgresqlDatabase: the chart would create no database for the app';
  const port = record(sub.service).port;
  return {
    host: chartFullname(release, CHART_NAME, sub),
    port: port === undefined ? DEFAULT_PORT : String(port),
    name,
    user: typeof sub.postgresqlUsername === 'string' ? sub.postgresqlUsername : DEFAULT_USER,
    password,
  };
}

function settingsProblem(container: Container, database: DatabaseManifest, expected: SubchartSettings): string | undefined {
  const env = containerEnv(container);
  for (const key of ['host', 'port', 'name', 'user', 'password'] as const) {
    const name = database.env[key];
    const entry = env.find((e) => e.name === name);
    if (!entry) return `sets no ${name}`;
    if (entry.value === undefined) return `takes ${name} from valueFrom; set it from the values, as the subchart gets them`;
    if (entry.value !== expected[key]) {
      const why = key === 'host' ? ` (the subchart's Service, by the chart's naming rules for release ${JSON.stringify(expected.host.replace(/-postgresql$/, ''))})` : '';
      return `sets ${name}=${JSON.stringify(key === 'password' ? '…' : entry.value)}, but the subchart's ${key} is ${JSON.stringify(key === 'password' ? 'the postgresqlPassword of the values' : expected[key])}${why}`;
    }
  }
  return undefined;
}

/** The tree's own containers, in the order the Pod runs them: the wait for the database first. */
function containersOf(job: RenderedJob): [string, Container][] {
  return [...job.initContainers.map((c) => [`Job ${job.name} init container ${c.name}`, c] as [string, Container]), ...job.containers.map((c) => [`Job ${job.name} container ${c.name}`, c] as [string, Container])];
}

/** Runs a Job's containers here, one after another; says what failed, or undefined. */
async function runJob(job: RenderedJob, dir: string, local: Record<string, string>): Promise<string | undefined> {
  for (const [who, container] of containersOf(job)) {
    const command = containerCommand(container);
    if (!command) return `${who} has no command: a Job must say what it runs`;
    const mapped = localJobCommand(command, { ...envValues(container), ...local });
    const run = await runToEnd(mapped.program, mapped.args, { cwd: dir, env: runEnvironment(mapped.env), timeoutMs: JOB_TIMEOUT_MS });
    if (run.code !== 0) {
      const why = run.timedOut ? `did not finish within ${JOB_TIMEOUT_MS / 1000} s` : `exited with ${run.code ?? run.signal}`;
      return `${who} (\`${command.join(' ')}\`) ${why}:\n${tail([run.stdout, run.stderr].filter((s) => s.trim()).join('\n'))}`;
    }
  }
  return undefined;
}

function commandsOf(job: RenderedJob): string {
  return [...job.initContainers, ...job.containers].map((c) => `\`${(containerCommand(c) ?? []).join(' ')}\``).join(', then ');
}

function envValues(container: Container): Record<string, string> {
  return Object.fromEntries(containerEnv(container).flatMap((e) => (typeof e.value === 'string' ? [[e.name, e.value]] : [])));
}

function localSettings(database: DatabaseManifest, db: Database): Record<string, string> {
  return { [database.env.host]: db.host, [database.env.port]: String(db.port), [database.env.name]: db.name };
}

/** `<stack>_<chapter>_<variant>`, from out/<stack>/examples/<chapter>: each tree its own database. */
function databaseName(chapterDir: string, variant: string): string {
  const stack = basename(dirname(dirname(chapterDir)));
  return `${stack}_${basename(chapterDir)}_${variant}`.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(-63);
}

const same = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((part, i) => part === b[i]);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
