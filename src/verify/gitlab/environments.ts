import { isPlainMap } from '../merge.js';
import { scriptLines } from './jobs.js';

/** What a job says about its GitLab environment (`environment:` as a string or a map). */
export interface JobEnvironment {
  name: string;
  /** `start` (GitLab's default), `stop`, `prepare`, `verify`, `access`. */
  action: string;
  url?: string;
  onStop?: string;
  autoStopIn?: string;
}

export function environmentOf(body: Record<string, unknown>): JobEnvironment | undefined {
  const env = body.environment;
  if (typeof env === 'string' && env !== '') return { name: env, action: 'start' };
  if (!isPlainMap(env) || typeof env.name !== 'string' || env.name === '') return undefined;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  return { name: env.name, action: text(env.action) ?? 'start', url: text(env.url), onStop: text(env.on_stop), autoStopIn: text(env.auto_stop_in) };
}

/**
 * An environment whose name holds a CI variable (`review/$CI_COMMIT_REF_SLUG`): GitLab makes one
 * per branch or merge request, so each one must be stopped again.
 */
export function isDynamic(env: JobEnvironment): boolean {
  return /\$\{?\w+/.test(env.name);
}

/**
 * The lines a job's shell runs: its `before_script` (or the file's `default:`/top-level one it
 * inherits), `script` and `after_script` (likewise inherited).
 */
export function jobShellLines(data: Record<string, unknown>, body: Record<string, unknown>): string[] {
  const defaults = isPlainMap(data.default) ? data.default : {};
  const inherited = (key: string): unknown => (key in body ? body[key] : key in defaults ? defaults[key] : data[key]);
  return [...scriptLines(inherited('before_script')), ...scriptLines(body.script), ...scriptLines(inherited('after_script'))];
}

/** The job's CI variables as the runner sees them: the file's `variables`, then the job's own. */
export function jobVariables(data: Record<string, unknown>, body: Record<string, unknown>): Record<string, unknown> {
  const global = isPlainMap(data.variables) ? data.variables : {};
  const own = isPlainMap(body.variables) ? body.variables : {};
  const value = (v: unknown): unknown => (isPlainMap(v) && 'value' in v ? v.value : v); // `{value, description}` form
  return Object.fromEntries(Object.entries({ ...global, ...own }).map(([k, v]) => [k, value(v)]));
}
