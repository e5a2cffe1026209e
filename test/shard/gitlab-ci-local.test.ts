import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { commitAll, expectMergedReportsUnsharded, runPipeline, testedTrees } from '../helpers/gitlab-ci-local.js';
import { manyStacks } from '../helpers/many-stacks.js';

const OVERLAY = join(import.meta.dirname, '../fixtures/ci-e2e/.gitlab-ci.yml');

/** A generated articles repository (5 stacks) holding the shipped template, stackdoc linked in. */
function articlesRepository(): string {
  const dir = manyStacks(5);
  mkdirSync(join(dir, 'ci/gitlab'), { recursive: true });
  copyFileSync(join(ROOT, 'ci/gitlab/stackdoc.gitlab-ci.yml'), join(dir, 'ci/gitlab/stackdoc.gitlab-ci.yml'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts/install-deps.sh'), join(dir, 'scripts/install-deps.sh'));
  copyFileSync(OVERLAY, join(dir, '.gitlab-ci.yml'));
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules/stackdoc'));
  symlinkSync('../stackdoc/bin/stackdoc.js', join(dir, 'node_modules/.bin/stackdoc'));
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\nout/\n.gitlab-ci-local/\n');
  commitAll(dir);
  return dir;
}

describe('the CI template, run by gitlab-ci-local', () => {
  it('builds, tests in 4 shards, checks in 2, and merges a report byte for byte the unsharded one', () => {
    const dir = articlesRepository();
    const run = runPipeline(dir, 240_000);
    const log = run.log;
    expect(log, log).toMatch(/PASS\s+build/);
    for (const job of ['check: [1/2]', 'check: [2/2]']) expect(log, log).toMatch(new RegExp(`PASS\\s+${job.replace(/[[\]/]/g, '\\$&')}`));
    expect(log).toContain('merged 2 reports: 7 findings');
    expect(run.status, log).toBe(1); // check-report fails: the fixture's articles have findings

    // every tree tested by exactly one shard
    const tested = testedTrees(log, 4);
    expect(tested.map((t) => t.tree).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `out/lang-fw0${i}/examples/010-hello`));
    expect(new Set(tested.map((t) => t.shard)).size).toBe(4);

    // the merged reports the merge request shows are the unsharded check's, byte for byte
    expectMergedReportsUnsharded(dir, 1);
  }, 300_000);
});
