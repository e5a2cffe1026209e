import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/util/files.js';
import { stackdoc } from '../helpers/cli.js';
import { manyStacks as stackStub } from '../helpers/many-stacks.js';

const STACKS = 7;
const manyStacks = (): string => stackStub(STACKS);

/** Every file under `dir` (path → bytes), the lock folder aside: what a job would pass on as artifacts. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of (await listFiles(dir)).sort()) files.set(path, readFileSync(join(dir, path)).toString('base64'));
  return files;
}

describe('build --shard', () => {
  it('4 shards into 4 output folders, put together, are byte for byte the unsharded build', async () => {
    const dir = manyStacks();
    expect(stackdoc(['build', '--out', 'whole'], dir).code).toBe(0);
    const whole = await tree(join(dir, 'whole'));
    expect(new Set([...whole.keys()].map((p) => p.split('/')[0])).size).toBe(STACKS);

    const union = new Map<string, string>();
    const perShard: string[][] = [];
    for (let i = 1; i <= 4; i++) {
      const run = stackdoc(['build', '--shard', `${i}/4`, '--out', `shard${i}`], dir);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^shard ${i}/4: \\d of ${STACKS} builds`));
      perShard.push(readdirSync(join(dir, `shard${i}`)).filter((n) => !n.startsWith('.')));
      for (const [path, bytes] of await tree(join(dir, `shard${i}`))) {
        expect(union.has(path), `${path} written by two shards`).toBe(false);
        union.set(path, bytes);
      }
    }
    expect(perShard.map((s) => s.length).sort()).toEqual([1, 2, 2, 2]); // 7 equal builds over 4 shards
    expect(union).toEqual(whole);
  });

  it("takes GitLab's CI_NODE_INDEX/CI_NODE_TOTAL, and never removes another shard's stacks", async () => {
    const dir = manyStacks();
    expect(stackdoc(['build'], dir).code).toBe(0);
    const before = await tree(join(dir, 'out'));
    // every shard writes into the same out/: each replaces only its own stacks
    for (let i = 1; i <= 3; i++) expect(stackdoc(['build'], dir, { CI_NODE_INDEX: String(i), CI_NODE_TOTAL: '3' }).code).toBe(0);
    expect(await tree(join(dir, 'out'))).toEqual(before);
    const one = stackdoc(['build', '--shard', '2/3', '--out', 'two'], dir);
    const viaEnv = stackdoc(['build', '--out', 'two-env'], dir, { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' });
    expect(viaEnv.stdout.replaceAll('two-env/', 'two/')).toBe(one.stdout);
  });

  it('build --check with a shard checks only its stacks', () => {
    const dir = manyStacks();
    expect(stackdoc(['build'], dir).code).toBe(0);
    const plan = [1, 2, 3].map((i) => stackdoc(['build', '--check', '--shard', `${i}/3`], dir));
    const checked = plan.map((r) => [...r.stdout.matchAll(/^out\/(\S+): up to date$/gm)].map((m) => m[1]));
    expect(checked.flat().sort()).toEqual(readdirSync(join(dir, 'out')).filter((n) => !n.startsWith('.')).sort());
    // break a stack of shard 1: shard 1 fails, the other shards do not see it
    const victim = checked[0]![0]!;
    writeFileSync(join(dir, 'out', victim, 'article.md'), 'edited by hand\n');
    expect(stackdoc(['build', '--check', '--shard', '1/3'], dir).code).toBe(1);
    expect(stackdoc(['build', '--check', '--shard', '2/3'], dir).code).toBe(0);
    expect(stackdoc(['build', '--check', '--shard', '3/3'], dir).code).toBe(0);
    expect(stackdoc(['build', '--check'], dir).code).toBe(1);
  });

  it.each([
    [['--shard', '5/4'], /--shard 5\/4: the index is above the total/],
    [['--shard', 'two'], /--shard "two" is not INDEX\/TOTAL/],
    [['--shard', '0/3'], /INDEX and TOTAL start at 1/],
  ])('refuses %j as a usage error (exit 2), writing nothing', (args, message) => {
    const dir = manyStacks();
    const run = stackdoc(['build', ...args], dir);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(readdirSync(dir)).not.toContain('out');
  });

  it('refuses a bad CI_NODE_INDEX/CI_NODE_TOTAL the same way', () => {
    const dir = manyStacks();
    const run = stackdoc(['test-examples'], dir, { CI_NODE_INDEX: '1', CI_NODE_TOTAL: 'x' });
    expect(run.stderr).toMatch(/CI_NODE_INDEX\/CI_NODE_TOTAL "1\/x" is not INDEX\/TOTAL/);
    expect(run.code).toBe(2);
  });
});
