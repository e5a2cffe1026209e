import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { commitAll, expectMergedReportsUnsharded, runPipeline, testedTrees } from '../helpers/gitlab-ci-local.js';

/**
 * The CI template over this repository as it stands: every real example tree of both stacks,
 * tested in 4 shards with real servers, the gate in 2, one merged report. It takes about two
 * minutes on two cores, so `npm test` leaves it to CI: `.ci/run` sets STACKDOC_E2E=1.
 */
const OVERLAY = join(import.meta.dirname, '../fixtures/ci-e2e/shipped.gitlab-ci.yml');

/** A git repository holding this working tree's files (tracked and new, not ignored), stackdoc's build linked in. */
function copyOfThisRepository(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'stackdoc-pipeline-')), 'articles');
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of files) cpSync(join(ROOT, file), join(dir, file), { recursive: true, verbatimSymlinks: true });
  cpSync(OVERLAY, join(dir, '.gitlab-ci.yml'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  commitAll(dir);
  return dir;
}

/** The example trees of the committed out/: out/<stack>/examples/<chapter>. */
function shippedTrees(dir: string): string[] {
  const listed = spawnSync('git', ['ls-files', 'out/*/examples/*/example.json'], { cwd: dir, encoding: 'utf8' }).stdout;
  return listed.split('\n').filter(Boolean).map((file) => dirname(file)).sort();
}

describe.runIf(process.env.STACKDOC_E2E === '1')('the CI template over the shipped guide, run by gitlab-ci-local', () => {
  it('passes every job: each of the 20 trees tested by one of 4 shards, the merged gate the unsharded one', () => {
    const dir = copyOfThisRepository();
    const run = runPipeline(dir, 900_000);
    const log = run.log;
    expect(run.status, log).toBe(0);
    const jobs = ['build', 'test-examples: [1/4]', 'test-examples: [2/4]', 'test-examples: [3/4]', 'test-examples: [4/4]', 'check: [1/2]', 'check: [2/2]', 'check-report'];
    for (const job of jobs) expect(log, log).toMatch(new RegExp(`PASS\\s+${job.replace(/[[\]/]/g, '\\$&')}\\s`));
    // out/ as committed is what the build makes
    expect(log).toMatch(/build\s+> out\/node-npm: up to date/);

    // every tree tested, by exactly one shard, and passed there
    const trees = shippedTrees(dir);
    expect(trees).toHaveLength(20);
    const tested = testedTrees(log, 4);
    expect(tested.map((t) => t.tree).sort()).toEqual(trees);
    expect(new Set(tested.map((t) => t.shard)).size).toBe(4);
    const passed = [...log.matchAll(/^test-examples: \[\d\/4\]\s+> (\d+) example trees?: (\d+) passed, 0 failed/gm)];
    expect(passed.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(20);

    // the merged reports the merge request shows are the unsharded check's, byte for byte
    expect(log).toContain('merged 2 reports: 0 findings');
    expectMergedReportsUnsharded(dir, 0);
  }, 960_000);
});
