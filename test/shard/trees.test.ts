import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TREE_MS, treesOfShard } from '../../src/shard/trees.js';
import { stackdoc } from '../helpers/cli.js';
import { manyStacks } from '../helpers/many-stacks.js';

/** An output folder with chapter trees; a number is the duration its test stamp records. */
function outWith(trees: Record<string, number | undefined>): { out: string; dirs: string[] } {
  const out = join(mkdtempSync(join(tmpdir(), 'stackdoc-shard-')), 'out');
  const dirs = Object.entries(trees).map(([path, ms]) => {
    const dir = join(out, path);
    mkdirSync(dir, { recursive: true });
    if (ms !== undefined) writeFileSync(join(dir, 'test-stamp.json'), JSON.stringify({ hash: 'x', checks: [], ms }));
    return dir;
  });
  return { out, dirs };
}

describe('test-examples --shard: trees by measured cost', () => {
  it('gives the slowest tree a shard of its own and balances the rest, unmeasured trees at the default', async () => {
    const { out, dirs } = outWith({
      'a/examples/010-hello': 2_000,
      'a/examples/060-database': 40_000,
      'b/examples/010-hello': 2_000,
      'b/examples/060-database': undefined, // no stamp yet: DEFAULT_TREE_MS
      'b/examples/070-redis': 9_000,
    });
    expect(DEFAULT_TREE_MS).toBeGreaterThan(9_000);
    const shards = await Promise.all([1, 2].map((index) => treesOfShard(dirs, out, { index, total: 2 })));
    const names = shards.map((s) => s.map((d) => d.slice(out.length + 1)));
    expect(names[0]).toEqual(['a/examples/060-database']);
    expect(names[1]).toEqual(['a/examples/010-hello', 'b/examples/010-hello', 'b/examples/060-database', 'b/examples/070-redis']);
    // every shard lists the trees in its own order: the plan does not depend on it
    expect(await treesOfShard([...dirs].reverse(), out, { index: 1, total: 2 })).toEqual([dirs[1]]);
  });

  it('takes every tree without a shard', async () => {
    const { out, dirs } = outWith({ 'a/examples/010-hello': 5, 'a/examples/020-assets': 1 });
    expect(await treesOfShard(dirs, out, undefined)).toEqual(dirs);
  });

  it('a shard with no tree to test says so and exits 0 without testing anything', () => {
    const dir = manyStacks(1);
    expect(stackdoc(['build'], dir).code).toBe(0);
    const run = stackdoc(['test-examples', '--shard', '2/2'], dir);
    expect(run.stdout).toBe('shard 2/2: 0 of 1 example trees\n');
    expect(run.code).toBe(0);
  });
});
