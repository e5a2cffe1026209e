import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSkeletons } from './skeleton/load.js';
import { UserError } from './util/errors.js';

export const CONFIG_FILE = 'stackdoc.yaml';

/** One build `stackdoc build` makes with no arguments: a skeleton, and a stack or its front-matter's. */
export interface BuildTarget {
  skeleton: string;
  stack?: string;
}

/**
 * The builds of this project: `builds:` in stackdoc.yaml, or else every skeleton in seeds/ with
 * the stack its front-matter chooses. `build --check` in CI checks exactly these.
 */
export async function buildTargets(): Promise<BuildTarget[]> {
  if (!existsSync(CONFIG_FILE)) return (await defaultSkeletons()).map((skeleton) => ({ skeleton }));
  const data = parse(readFileSync(CONFIG_FILE, 'utf8')) as { builds?: unknown } | null;
  const builds = data?.builds;
  if (!Array.isArray(builds) || builds.some((b) => typeof b?.skeleton !== 'string' || (b.stack !== undefined && typeof b.stack !== 'string'))) {
    throw new UserError('builds: must be a list of {skeleton: path, stack?: layers}', CONFIG_FILE, 1, 1);
  }
  return builds as BuildTarget[];
}
