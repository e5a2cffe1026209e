import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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
 * whose node_modules is what `npm ci` installs from the lock file, as the image build does —
 * without devDependencies for a run (`--omit=dev`, like the image), with them for the tests. npm
 * reads its own cache first (`--prefer-offline`) and the npm registry only for what the cache lacks.
 * Every other app runs where it is.
 *
 * One install serves every check of the run whose package.json and package-lock.json are the same
 * bytes, for the same purpose: `npm ci` of identical inputs gives identical node_modules, and the
 * checks of one tree (app-run, redis-run, database-run…) and the chapters that change no
 * dependency would otherwise repeat it, which made the installs most of a run's time. The copy
 * links its node_modules to that install (Node resolves a package through the link to its real
 * folder; the apps only read it). releaseNodeInstalls() removes the installs at the end of the run.
 */
export async function prepareAppDir(example: RunManifest, dir: string, purpose: 'run' | 'test'): Promise<AppDir> {
  const here: AppDir = { dir, dispose: async () => {} };
  if (example.runtime !== 'node' || !(await pinsPackages(dir))) return here;
  const modules = await sharedInstall(dir, purpose);
  const copy = await mkdtemp(join(tmpdir(), 'stackdoc-app-'));
  const dispose = () => rm(copy, { recursive: true, force: true });
  try {
    // the tree's own node_modules, if it has one, is not what the lock file installs
    await cp(dir, copy, { recursive: true, filter: (source) => source !== join(dir, 'node_modules') });
    await symlink(modules, join(copy, 'node_modules'), 'dir');
  } catch (error) {
    await dispose();
    throw error;
  }
  return { dir: copy, note: `dependencies installed from package-lock.json by npm ci in a temporary copy`, dispose };
}

/** Installs of this run: sha256 of package.json, package-lock.json and the purpose → the folder whose node_modules they gave. */
const installs = new Map<string, Promise<string>>();
let installRoot: string | undefined;

async function sharedInstall(dir: string, purpose: 'run' | 'test'): Promise<string> {
  const manifest = await readFile(join(dir, 'package.json')).catch(() => Buffer.alloc(0));
  const lock = await readFile(join(dir, 'package-lock.json'));
  const key = createHash('sha256').update(purpose).update('\0').update(manifest).update('\0').update(lock).digest('hex');
  let install = installs.get(key);
  if (install === undefined) {
    install = installOnce(manifest, lock, purpose, key);
    installs.set(key, install);
    // a failed install is not kept: the next check tries again and reports its own failure
    install.catch(() => installs.delete(key));
  }
  return install;
}

async function installOnce(manifest: Buffer, lock: Buffer, purpose: 'run' | 'test', key: string): Promise<string> {
  installRoot ??= await mkdtemp(join(tmpdir(), 'stackdoc-npm-'));
  const folder = join(installRoot, `${purpose}-${key.slice(0, 16)}`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder);
  await writeFile(join(folder, 'package.json'), manifest);
  await writeFile(join(folder, 'package-lock.json'), lock);
  const args = ['ci', ...(purpose === 'run' ? ['--omit=dev'] : []), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
  const result = await runToEnd('npm', args, { cwd: folder, env: runEnvironment({}), timeoutMs: INSTALL_TIMEOUT_MS });
  if (result.code === null && !result.timedOut && /ENOENT/.test(result.stderr)) throw new MissingToolError('npm', 'npm');
  if (result.code !== 0) {
    const why = result.timedOut ? `did not finish within ${INSTALL_TIMEOUT_MS / 1000} s` : `failed (exit ${result.code ?? result.signal})`;
    throw new DependencyInstallError(`npm ${args.join(' ')} ${why}\n${tail([result.stdout, result.stderr].join('\n'))}`);
  }
  // a lock file that pins nothing installable leaves no node_modules: the link still needs a target
  await mkdir(join(folder, 'node_modules'), { recursive: true });
  return join(folder, 'node_modules');
}

/** Removes the installs this run made (test-examples calls it once at the end, with the shared servers). */
export async function releaseNodeInstalls(): Promise<void> {
  installs.clear();
  if (installRoot !== undefined) await rm(installRoot, { recursive: true, force: true });
  installRoot = undefined;
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
