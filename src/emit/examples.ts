import type { Liquid } from 'liquidjs';
import { readProfileText } from '../profile/confine.js';
import { renderTemplate } from '../profile/liquid.js';
import type { ExampleSource, Values } from '../profile/types.js';
import { valueAt } from '../profile/load.js';
import { UserError } from '../util/errors.js';
import { cutRegions, type CutFile } from './regions.js';
import { RenderMemo } from './render-memo.js';
import type { ChapterPlan } from './chapter-inheritance.js';

export const VARIANTS = ['stapel', 'dockerfile'] as const;
export type Variant = (typeof VARIANTS)[number];

/** One rendered file of an example tree, with the regions the article may show. */
export interface EmittedFile {
  text: string;
  regions: Map<string, string>;
  /** The template it came from, for error messages and `explain`. */
  source: ExampleSource;
}

/** Every chapter's trees: `010-hello-world/stapel/werf.yaml` → file. */
export type ExampleTrees = Map<string, EmittedFile>;

/**
 * Renders the stack's example templates into complete trees, one per chapter and builder, as
 * the chapter plans say (chapter-inheritance.ts): a chapter's tree is its parent's with its own
 * files laid over it; `<< inherited >>` in an own file is the parent's version of that file.
 */
export function renderExamples(plans: Map<string, ChapterPlan>, liquid: Liquid, scope: object, profilesDir: string): ExampleTrees {
  const trees: ExampleTrees = new Map();
  // Chapters share most files: a template renders once per distinct input it reads
  // (render-memo.ts), and a rendered text is cut into regions once.
  const memo = new RenderMemo();
  const cuts = new Map<string, CutFile>();
  const scopes = new Map<ChapterPlan, Record<string, unknown>>();
  const scopeOf = (plan: ChapterPlan): Record<string, unknown> => {
    let own = scopes.get(plan);
    if (own === undefined) scopes.set(plan, (own = { ...scope, ...plan.values }));
    return own;
  };
  const render = (plan: ChapterPlan, chain: ExampleSource[]): string => {
    const [source, ...older] = chain as [ExampleSource, ...ExampleSource[]];
    // the inherited text without its final line break: `<< inherited >>` stands on a line of its
    // own; it keeps its snippet markers, so the parent's regions are regions of the child
    const extra: Record<string, string> = older.length > 0 ? { inherited: render(plan, older).replace(/\n$/, '') } : {};
    return memo.render(source.file, scopeOf(plan), extra, (env) => renderTemplate(liquid, source.file, readProfileText(profilesDir, source.file, { file: source.file }), env));
  };
  const cut = (file: string, raw: string): CutFile => {
    const key = `${file}\0${raw}`;
    let done = cuts.get(key);
    if (done === undefined) cuts.set(key, (done = cutRegions(file, raw)));
    return done;
  };
  for (const plan of plans.values()) {
    for (const [variant, files] of plan.files) {
      for (const [path, chain] of files) trees.set(`${plan.chapter}/${variant}/${path}`, { ...cut(chain[0]!.file, render(plan, chain)), source: chain[0]! });
    }
  }
  return new Map([...trees.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The chapters that have example trees, e.g. ["010-hello-world", "020-dependencies"]. */
export function chaptersOf(trees: ExampleTrees): string[] {
  return [...new Set([...trees.keys()].map((k) => k.split('/')[0]!))].sort();
}

/**
 * Looks up `010-hello-world/stapel/werf.yaml` + `meta`; a missing file or region is an error at
 * `from` (the values key that names it), or, without `from`, placed by the Liquid tag that asked.
 */
export function findRegion(trees: ExampleTrees, file: string, region: string, from?: { file: string; line?: number; column?: number }): string {
  const emitted = trees.get(file);
  if (emitted === undefined) throw new UserError(`snippet file "${file}" is not an example file of this stack (expected <chapter>/<stapel|dockerfile>/<path>)`, from?.file, from?.line, from?.column);
  const text = emitted.regions.get(region);
  if (text === undefined) {
    const known = [...emitted.regions.keys()].join(', ') || 'none';
    throw new UserError(`no snippet region "${region}" in ${file} (regions: ${known}); mark it with [<snippet ${region}>] … [<endsnippet ${region}>]`, from?.file, from?.line, from?.column);
  }
  return text;
}

/**
 * `example.json` of a chapter: how test-examples runs the app. Built from the values, the one
 * source of truth that the Dockerfile, werf.yaml and the chart are rendered from too.
 */
type EnvVar = { name: string; value: string };

export function runManifest(values: Values): string {
  const v = (path: string): unknown => valueAt(values, path);
  const manifest = {
    runtime: v('language.runtime') ?? null,
    port: v('app.port') ?? null,
    run: { command: v('app.start_command') ?? [], env: Object.fromEntries([...((v('app.env') as EnvVar[]) ?? []), ...((v('app.secret_env') as EnvVar[]) ?? []), ...((v('app.chart_env') as EnvVar[]) ?? [])].map((e) => [e.name, e.value])) },
    expect: { path: '/', status: 200, body: v('app.hello_body') ?? '' },
    test: v('app.test_command') !== undefined ? { command: v('app.test_command') } : null,
    ...testStageManifest(values),
    // the Kubernetes version the chart is written for: k8s-schema checks its API versions against it
    ...(v('kubernetes.version') !== undefined ? { kubernetes: v('kubernetes.version') } : {}),
    ...serviceManifests(values),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * A chapter with the CI test stage (`tests.stage`): its jobs run the tests and the linter in the
 * test image with `werf run`, which passes none of the chart's settings, so the tests run with an
 * empty `test.env`; the linter comes with it. Chapters without the stage keep their example.json.
 */
function testStageManifest(values: Values): Record<string, unknown> {
  const v = (path: string): unknown => valueAt(values, path);
  if (v('tests.stage') !== true) return {};
  const out: Record<string, unknown> = {};
  if (v('app.test_command') !== undefined) out.test = { command: v('app.test_command'), env: {} };
  if (v('tests.lint_command') !== undefined) out.lint = { command: v('tests.lint_command') };
  return out;
}

/**
 * What test-examples starts besides the app, for the services a chapter declares
 * (`services:` in its `adds`): how to build the bundle, where nginx serves it, which settings
 * point the app at S3 and at the mail provider.
 */
function serviceManifests(values: Values): Record<string, unknown> {
  const v = (path: string): unknown => valueAt(values, path);
  const services = (v('services') as string[] | undefined) ?? [];
  const words = (command: unknown) => String(command).split(' ');
  const out: Record<string, unknown> = {};
  if (services.includes('assets')) {
    out.assets = { dir: v('assets.dir'), install: words(v('assets.install_command')), build: words(v('assets.build_command')), output: v('assets.output_dir'), bundle: v('assets.bundle') };
  }
  if (services.includes('nginx')) {
    out.nginx = { image: v('nginx.name'), config: v('nginx.config'), port: v('nginx.port'), root: v('nginx.root'), static_path: v('nginx.static_path') };
  }
  if (services.includes('s3')) out.s3 = { route: v('s3.route'), env: v('s3.env') };
  if (services.includes('mail')) out.mail = { route: v('mail.route'), attempts: v('mail.attempts'), env: v('mail.env') };
  if (services.includes('redis')) out.redis = { route: v('redis.route'), key: v('redis.key'), env: v('redis.env') };
  if (services.includes('database')) out.database = { values: v('database.subchart'), env: v('database.env'), jobs: v('database.jobs'), route: v('database.route'), body: v('database.body') };
  if (services.includes('apps')) out.apps = appsManifest(values);
  return out;
}

/**
 * The chapter on several apps: the worker and the CronJob run the app's image with commands of
 * their own; the second app has its own folder, image, runtime, port and Ingress path.
 */
function appsManifest(values: Values): Record<string, unknown> {
  const v = (path: string): unknown => valueAt(values, path);
  const image = v('image.name');
  return {
    queue: v('apps.queue'),
    done: v('apps.done'),
    route: v('apps.route'),
    worker: { name: v('apps.worker.name'), image, command: v('apps.worker.command') },
    cron: { name: v('apps.cron.name'), image, command: v('apps.cron.command'), schedule: v('apps.cron.schedule'), keep_env: v('apps.keep_env'), keep: v('apps.keep') },
    second: {
      name: v('apps.second.name'),
      image: v('apps.second.name'),
      dir: v('apps.second.name'),
      runtime: v('apps.second.runtime'),
      port: v('apps.second.port'),
      path: v('apps.second.path'),
      command: v('apps.second.start_command'),
    },
  };
}
