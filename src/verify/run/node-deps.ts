import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingToolError } from '../errors.js';
import type { RunManifest } from '../manifest.js';
import { runEnvironment, tail } from './environment.js';
import { runToEnd } from './processes.js';

const INSTALL_TIMEOUT_MS = 300_000;

/** Where an app runs: the emitted tree itself, or a prepared copy that dispose() removes. */
export interface AppDir {
  dir: string;
  /** Said in the result when the run happened somewhere else than the tree. */
  note?: string;
  dispose(): Promise<void>;
}

/**
 * A Node.js app whose package-lock.json pins packages cannot run from the tree as emitted: the
 * tree has no node_modules, and installing them there would change the tree the test stamp hashes
 * (and leave files `build --check` does not expect). So the app is copied into a temporary folder
 * and `npm ci` installs exactly what the lock file pins, as the image build does — without
 * devDependencies for a run (`--omit=dev`, like the image), with them for the tests. npm reads its
 * own cache first (`--prefer-offline`) and the npm registry only for what the cache lacks.
 * Every other app runs where it is.
 */
export async function prepareAppDir(example: RunManifest, dir: string, purpose: 'run' | 'test'): Promise<AppDir> {
  const here: AppDir = { dir, dispose: async () => {} };
  if (example.runtime !== 'node' || !(await pinsPackages(dir))) return here;
  const copy = await mkdtemp(join(tmpdir(), 'stackdoc-app-'));
  const dispose = () => rm(copy, { recursive: true, force: true });
  try {
    await cp(dir, copy, { recursive: true });
    const args = ['ci', ...(purpose === 'run' ? ['--omit=dev'] : []), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    const result = await runToEnd('npm', args, { cwd: copy, env: runEnvironment({}), timeoutMs: INSTALL_TIMEOUT_MS });
    if (result.code === null && !result.timedOut && /ENOENT/.test(result.stderr)) throw new MissingToolError('npm', 'npm');
    if (result.code !== 0) {
      const why = result.timedOut ? `did not finish within ${INSTALL_TIMEOUT_MS / 1000} s` : `failed (exit ${result.code ?? result.signal})`;
      throw new DependencyInstallError(`npm ${args.join(' ')} ${why}\n${tail([result.stdout, result.stderr].join('\n'))}`);
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return { dir: copy, note: `dependencies installed from package-lock.json by npm ci in a temporary copy`, dispose };
}

/** The packages could not be installed: a finding about the example (a lock file out of sync), not a missing tool. */
export class DependencyInstallError extends Error {}

/** True when package-lock.json lists any package besides the app itself. */
async function pinsPackages(dir: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(join(dir, 'package-lock.json'), 'utf8');
  } catch {
    return false;
  }
  try {
    const lock = JSON.parse(text) as { packages?: Record<string, unknown> };
    return Object.keys(lock.packages ?? {}).some((key) => key !== '');
  } catch {
    return true; // a broken lock file: let npm ci say what is wrong with it
  }
}
