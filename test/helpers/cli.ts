import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** Runs the bundled CLI as a user would, from `cwd` (the project root by default), with `env` added. */
export function stackdoc(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/stackdoc.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
