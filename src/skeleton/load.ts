import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { normalisedPath } from '../util/files.js';
import type { LegacyChoice } from './legacy.js';
import { parseSkeleton, type Skeleton } from './parse.js';
import { readSource } from './source.js';

export const SEEDS_DIR = 'seeds';
/** The project's config (src/config.ts reads its builds). */
export const CONFIG_FILE_NAME = 'stackdoc.yaml';

/**
 * Reads and parses one skeleton file. Without `choice` the file is read as a skeleton (what
 * build, check and explain are given); scan and migrate pass what they know (legacy.ts).
 */
export async function loadSkeleton(path: string, choice?: LegacyChoice): Promise<Skeleton> {
  // Every report and message names the file the same way, however the command line spelled it.
  return parseSkeleton(await readSource(normalisedPath(path)), choice);
}

/** The skeletons a command works on when none are named: every `*.md` in seeds/. */
export async function defaultSkeletons(): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(SEEDS_DIR);
  } catch {
    throw new UserError(`no ${SEEDS_DIR}/ folder here; name a skeleton file or run from the project root`);
  }
  const files = names.filter((n) => n.endsWith('.md')).sort().map((n) => join(SEEDS_DIR, n));
  if (files.length === 0) throw new UserError(`no *.md skeleton in ${SEEDS_DIR}/; name a skeleton file`);
  return files;
}
