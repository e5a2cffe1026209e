import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { isPlainMap } from '../merge.js';
import { asList } from './pipelines.js';
import { DEFAULT_STAGES, type CiJob } from './jobs.js';

/** A job whose artifacts another job downloads, with its `artifacts.paths`. */
export interface ArtifactSource {
  job: string;
  paths: string[];
}

/**
 * The jobs whose artifacts GitLab hands a job: those named in `dependencies` when it is given
 * (an empty list means none), else those in `needs` that keep `artifacts: true` (the default),
 * else every job of an earlier stage.
 */
export function artifactSources(data: Record<string, unknown>, jobs: CiJob[], job: CiJob): ArtifactSource[] {
  const byName = (names: string[]): CiJob[] => names.map((n) => jobs.find((j) => j.name === n)).filter((j): j is CiJob => j !== undefined);
  let sources: CiJob[];
  if (Array.isArray(job.body.dependencies)) sources = byName(asList(job.body.dependencies));
  else if (Array.isArray(job.body.needs)) {
    const wanted = job.body.needs.filter((n) => !(isPlainMap(n) && n.artifacts === false));
    sources = byName(asList(wanted));
  } else {
    const stages = Array.isArray(data.stages) ? data.stages.map(String) : DEFAULT_STAGES;
    const stageOf = (j: CiJob): number => stages.indexOf(typeof j.body.stage === 'string' ? j.body.stage : 'test');
    sources = jobs.filter((j) => j !== job && stageOf(j) < stageOf(job));
  }
  return sources.map((j) => ({ job: j.name, paths: isPlainMap(j.body.artifacts) ? asStrings(j.body.artifacts.paths) : [] }));
}

/**
 * Whether artifact paths keep a file of the project: a path names the file, a folder holding it
 * (`.werf/`, `.`), or a glob that matches it (GitLab's artifact paths are globs; picomatch reads
 * them, dotfiles included).
 */
export function covers(paths: string[], file: string): boolean {
  return paths.some((raw) => {
    const path = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    if (path === '' || path === '.' || path === file || file.startsWith(`${path}/`)) return true;
    return picomatch(path, { dot: true })(file);
  });
}

/** Whether werf.yaml pulls in `.werf/**\/*.tmpl` templates (`include` in a Go template action). */
export async function includesTemplates(werfYaml: string): Promise<boolean> {
  try {
    return /\{\{-?\s*(?:[^}]*\|\s*)?include\s/.test(await readFile(werfYaml, 'utf8'));
  } catch {
    return false;
  }
}

/** The `.werf/**\/*.tmpl` templates of a tree, relative to it: werf 1.1 loads every one of them. */
export async function werfTemplates(treeDir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(treeDir, '.werf'), { recursive: true });
    return entries.filter((e) => e.endsWith('.tmpl')).map((e) => `.werf/${e.split('\\').join('/')}`).sort();
  } catch {
    return [];
  }
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
