import { deepMerge, isPlainMap } from '../merge.js';
import { GitlabReference } from './ci-config.js';

/** Top-level keys that configure the pipeline rather than name a job. */
const KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec']);

/** GitLab's limits: `extends` at most 11 levels deep, `!reference` at most 10. */
const MAX_EXTENDS_DEPTH = 11;
const MAX_REFERENCE_DEPTH = 10;

/** GitLab's stages when a config declares none; .pre and .post exist always. */
export const DEFAULT_STAGES = ['build', 'test', 'deploy'];

export interface CiJob {
  name: string;
  /** Hidden jobs (`.base_deploy`) never run; they exist to be extended. */
  hidden: boolean;
  /** The job as GitLab runs it: `extends` merged in, `!reference` tags replaced. */
  body: Record<string, unknown>;
}

export interface JobProblem {
  job: string;
  message: string;
}

export function resolveJobs(data: Record<string, unknown>): { jobs: CiJob[]; problems: JobProblem[] } {
  const problems: JobProblem[] = [];
  const memo = new Map<string, Record<string, unknown>>();

  const expand = (name: string, chain: string[]): Record<string, unknown> => {
    const known = memo.get(name);
    if (known) return known;
    const own = data[name];
    if (!isPlainMap(own)) return {};
    const parents = typeof own.extends === 'string' ? [own.extends] : Array.isArray(own.extends) ? own.extends.map(String) : [];
    let merged: Record<string, unknown> = {};
    for (const parent of parents) {
      if (chain.includes(parent)) problems.push({ job: chain[0]!, message: `extends loops: ${[...chain, parent].join(' → ')}` });
      else if (chain.length >= MAX_EXTENDS_DEPTH) problems.push({ job: chain[0]!, message: `extends nests deeper than ${MAX_EXTENDS_DEPTH} levels` });
      else if (!isPlainMap(data[parent])) problems.push({ job: chain[0]!, message: `extends "${parent}", which is not defined` });
      else merged = deepMerge(merged, expand(parent, [...chain, parent]));
    }
    const { extends: _extends, ...rest } = own;
    const result = deepMerge(merged, rest);
    memo.set(name, result);
    return result;
  };

  const lookup = (path: readonly string[], job: string, depth: number): unknown => {
    const [head, ...rest] = path;
    let value: unknown = head === undefined ? undefined : isPlainMap(data[head]) && !KEYWORDS.has(head) ? expand(head, [head]) : data[head];
    for (const key of rest) value = isPlainMap(value) ? value[key] : undefined;
    if (value === undefined) problems.push({ job, message: `!reference [${path.join(', ')}] points at nothing` });
    return replaceReferences(value, job, depth + 1);
  };

  const replaceReferences = (value: unknown, job: string, depth: number): unknown => {
    if (depth > MAX_REFERENCE_DEPTH) {
      problems.push({ job, message: `!reference nests deeper than ${MAX_REFERENCE_DEPTH} levels` });
      return undefined;
    }
    if (value instanceof GitlabReference) return lookup(value, job, depth);
    if (Array.isArray(value)) {
      // a reference inside a list (a script line) splices its list in, as GitLab flattens scripts
      return value.flatMap((item) => {
        const replaced = replaceReferences(item, job, depth);
        return item instanceof GitlabReference && Array.isArray(replaced) ? replaced : [replaced];
      });
    }
    if (isPlainMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceReferences(v, job, depth)]));
    return value;
  };

  const jobs: CiJob[] = [];
  for (const [name, value] of Object.entries(data)) {
    if (KEYWORDS.has(name) || !isPlainMap(value)) continue;
    const body = replaceReferences(expand(name, [name]), name, 0) as Record<string, unknown>;
    jobs.push({ name, hidden: name.startsWith('.'), body });
  }
  return { jobs, problems };
}

/** A job's script as the lines the runner executes (GitLab flattens nested lists). */
export function scriptLines(script: unknown): string[] {
  if (typeof script === 'string') return [script];
  if (Array.isArray(script)) return script.flatMap(scriptLines);
  return [];
}

/** A shell line runs `werf <subcommand>` as one of its commands (not `type werf`, not in a string). */
export function runsWerf(line: string, subcommand?: string): boolean {
  const command = subcommand ? `werf\\s+${subcommand}\\b` : 'werf\\s';
  return new RegExp(`(^|&&|\\|\\||;|\\||\\$\\()\\s*${command}`, 'm').test(line);
}
