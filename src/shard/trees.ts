import { relative, sep } from 'node:path';
import { stampDuration } from '../verify/stamp.js';
import { unitsOfShard, type Shard } from './plan.js';

/**
 * What a tree with no recorded duration is expected to cost (ms): about what a chapter with an app
 * to run takes, so unmeasured trees spread across shards rather than piling onto one.
 */
export const DEFAULT_TREE_MS = 10_000;

/**
 * The chapter trees (out/<stack>/examples/<chapter>) this shard tests: planned over every tree of
 * the run by the duration each tree's test stamp records (DEFAULT_TREE_MS where none is), named
 * by their path under the output folder, so every shard computes the same split.
 */
export async function treesOfShard(chapters: readonly string[], outDir: string, shard: Shard | undefined): Promise<string[]> {
  if (shard === undefined) return [...chapters];
  const units = await Promise.all(
    chapters.map(async (dir) => ({ name: relative(outDir, dir).split(sep).join('/'), cost: (await stampDuration(dir)) ?? DEFAULT_TREE_MS, dir })),
  );
  return unitsOfShard(units, shard).map((u) => u.dir);
}
