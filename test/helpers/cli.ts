import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** Runs the bundled CLI as a user would, from `cwd` (the project root by default), with `env` added. */
export function stackdoc(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  // A test run inside a GitLab job with parallel: must not make every command a shard.
  const { CI_NODE_INDEX: _index, CI_NODE_TOTAL: _total, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/stackdoc.js'), ...args], { cwd, encoding: 'utf8', env: { ...inherited, ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
