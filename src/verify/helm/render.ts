import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { listFiles } from '../../util/files.js';
import { projectName, werfImages, type WerfRead } from '../werf/config.js';
import { runToEnd } from '../run/processes.js';
import { rendererBinary } from './build.js';
import { parseRequirements, REQUIREMENTS_FILE } from './requirements.js';
import { deepMerge } from '../merge.js';
import { ENVIRONMENTS, renderContext, type Environment } from './values.js';
import { readCiConfig } from '../gitlab/ci-config.js';
import { environmentOf } from '../gitlab/environments.js';
import { resolveJobs } from '../gitlab/jobs.js';

export interface RenderedFile {
  /** Relative to .helm, e.g. `templates/deployment.yaml`. */
  template: string;
  text: string;
}

export interface EnvRender {
  env: Environment;
  files: RenderedFile[];
}

export type RenderOutcome =
  | { status: 'ok'; project: string; renders: EnvRender[]; notes: string[] }
  | { status: 'failed'; env?: Environment; message: string; file?: string; line?: number }
  /** Rendering was not attempted because werf.yaml is unusable (werf-schema reports why). */
  | { status: 'unavailable'; reason: string };

/** Renders `<variant>/.helm` once per environment, as werf 1.1 would deploy it. */
export async function renderChart(chapterDir: string, variant: string, werf: WerfRead): Promise<RenderOutcome> {
  const helmDir = join(chapterDir, variant, '.helm');
  if (!existsSync(join(helmDir, 'templates'))) return { status: 'failed', message: `${variant}/.helm/templates is missing`, file: `${variant}/.helm` };
  if (werf.status !== 'ok') return { status: 'unavailable', reason: `${werf.file} could not be read (see werf-schema)` };
  const project = projectName(werf.config);
  if (!project) return { status: 'unavailable', reason: `${werf.config.file} names no project (see werf-schema)` };

  const userValues: Record<string, unknown>[] = [];
  for (const name of ['values.yaml', 'secret-values.yaml']) {
    const read = await readValues(join(helmDir, name));
    if ('error' in read) return { status: 'failed', message: read.error, file: `${variant}/.helm/${name}`, line: read.line };
    userValues.push(read.values);
  }
  const values = deepMerge(userValues[0]!, userValues[1]!);
  const images = werfImages(werf.config).filter((image) => image.kind === 'image').map((image) => image.name);
  const templates = await Promise.all(
    (await listFiles(join(helmDir, 'templates'))).map(async (name) => ({
      name: `templates/${name}`,
      text: await readFile(join(helmDir, 'templates', name), 'utf8'),
    })),
  );
  const hosts = await environmentHosts(chapterDir, variant);
  const request = {
    templates,
    contexts: ENVIRONMENTS.map((env) => renderContext({ project, env, images, userValues: values, ciUrl: hosts.get(env) })),
  };
  const binary = await rendererBinary();
  const run = await runToEnd(binary, [], { cwd: helmDir, env: {}, input: JSON.stringify(request), timeoutMs: 60_000 });
  if (run.code !== 0) throw new Error(`the Helm renderer failed (${run.code ?? run.signal}): ${run.stderr.trim()}`);
  const response = JSON.parse(run.stdout) as { results: { files: { name: string; text: string }[] | null; error?: string }[] };

  const renders: EnvRender[] = [];
  for (const [i, env] of ENVIRONMENTS.entries()) {
    const result = response.results[i]!;
    if (result.error) return { status: 'failed', env, ...locateTemplateError(result.error, variant) };
    renders.push({ env, files: (result.files ?? []).map((f) => ({ template: f.name, text: f.text })) });
  }
  const notes: string[] = [];
  if (existsSync(join(helmDir, REQUIREMENTS_FILE)) || existsSync(join(helmDir, 'charts'))) {
    const declared = existsSync(join(helmDir, REQUIREMENTS_FILE)) ? parseRequirements(await readFile(join(helmDir, REQUIREMENTS_FILE), 'utf8')).requirements : [];
    const names = declared.map((r) => `${r.name} ${r.version}`).join(', ');
    notes.push(`${names ? `with ${names} declared in requirements.yaml but not fetched: ` : ''}the subcharts themselves were not rendered (they come from a chart repository, which is not reachable offline)`);
  }
  return { status: 'ok', project, renders, notes };
}

/** The user values werf hands the chart: values.yaml with secret-values.yaml merged over it. */
export async function chartValues(helmDir: string): Promise<{ values: Record<string, unknown> } | { error: string; file: string; line?: number }> {
  const merged: Record<string, unknown>[] = [];
  for (const name of ['values.yaml', 'secret-values.yaml']) {
    const read = await readValues(join(helmDir, name));
    if ('error' in read) return { ...read, file: name };
    merged.push(read.values);
  }
  return { values: deepMerge(merged[0]!, merged[1]!) };
}

export async function readValues(path: string): Promise<{ values: Record<string, unknown> } | { error: string; line?: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { values: {} }; // both files are optional for Helm and werf
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  if (error) return { error: `not valid YAML: ${error.message.split('\n')[0]}`, line: lines.linePos(error.pos[0]).line };
  const values: unknown = doc.toJS();
  if (values === null || values === undefined) return { values: {} };
  if (typeof values !== 'object' || Array.isArray(values)) return { error: 'must be a map of values' };
  return { values: values as Record<string, unknown> };
}

/**
 * Go's template errors start with the outermost place (`template: templates/x.yaml:12:3: …`)
 * and end with the cause (`error calling required: need x`); we keep that place and that cause.
 */
export function locateTemplateError(error: string, variant: string): { message: string; file?: string; line?: number } {
  const place = /^template: ([^:]+):(\d+)(?::\d+)?: /.exec(error);
  const causes = error.split(/error calling \w+: /);
  const cause = causes.length > 1 ? causes[causes.length - 1]! : place ? error.slice(place[0].length) : error;
  const template = place?.[1];
  if (!template?.startsWith('templates/')) return { message: cause };
  // an unclosed action is reported where the file ends; where it starts is the line to fix
  const started = /started at [^:]+:(\d+)/.exec(cause);
  return { message: cause, file: `${variant}/.helm/${template}`, line: Number(started?.[1] ?? place![2]) };
}

/**
 * The host of each environment's `url` in the tree's .gitlab-ci.yml (`stage` →
 * `werf-guide-flask.stage.example.com`): what the deploy job hands the chart as global.ci_url, so
 * the render (and the diagram drawn from it) shows the hosts the article names. URLs built from CI
 * variables, and trees without the file, keep the placeholder.
 */
async function environmentHosts(chapterDir: string, variant: string): Promise<Map<string, string>> {
  const hosts = new Map<string, string>();
  const read = await readCiConfig(chapterDir, variant);
  if (read.status !== 'ok') return hosts;
  for (const job of resolveJobs(read.config.data).jobs) {
    const env = environmentOf(job.body);
    if (env?.url === undefined || env.url.includes('$') || hosts.has(env.name)) continue;
    try {
      hosts.set(env.name, new URL(env.url).host);
    } catch {
      // not a URL: gitlab-ci-schema reports it
    }
  }
  return hosts;
}
