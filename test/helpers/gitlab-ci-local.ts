import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT, stackdoc } from './cli.js';

/** Makes `dir` a git repository with one commit of everything in it: gitlab-ci-local reads a project from git. */
export function commitAll(dir: string): void {
  const git = (...args: string[]) => expect(spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: dir }).status).toBe(0);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'articles');
}

/** Runs the repository's .gitlab-ci.yml with gitlab-ci-local's shell executor (no Docker), outside any parallel job. */
export function runPipeline(dir: string, timeoutMs: number): { status: number | null; log: string } {
  const run = spawnSync(join(ROOT, 'node_modules/.bin/gitlab-ci-local'), ['--force-shell-executor', '--shell-isolation', '--no-color'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, CI_NODE_INDEX: undefined, CI_NODE_TOTAL: undefined },
  });
  return { status: run.status, log: run.stdout + run.stderr };
}

/** The example trees test-examples' shards listed in the log: shard index and tree. */
export function testedTrees(log: string, shards: number): Array<{ shard: string; tree: string }> {
  return [...log.matchAll(new RegExp(`^test-examples: \\[(\\d)/${shards}\\]\\s+> \\[\\d+/\\d+\\] (out/\\S+)$`, 'gm'))].map((m) => ({ shard: m[1]!, tree: m[2]! }));
}

/** The merged reports check-report wrote are the unsharded `stackdoc check`'s, byte for byte. */
export function expectMergedReportsUnsharded(dir: string, code: number): void {
  for (const [format, file] of [['gitlab', 'gl-code-quality-report.json'], ['junit', 'stackdoc-junit.xml']] as const) {
    const whole = stackdoc(['check', '--format', format], dir);
    expect(whole.code, whole.stderr).toBe(code);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(whole.stdout);
  }
}
