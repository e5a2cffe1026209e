import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { listFiles } from '../../util/files.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../cache.js';
import type { RunManifest } from '../manifest.js';
import { runEnvironment, tail } from '../run/environment.js';
import { runToEnd } from '../run/processes.js';

const INSTALL_TIMEOUT_MS = 300_000;
const BUILD_TIMEOUT_MS = 120_000;

export interface BuiltBundle {
  /** The folder the build wrote, e.g. <tmp>/assets/dist. */
  outputDir: string;
  bundle: Buffer;
  said: string;
}

/**
 * Builds the front-end bundle for real, as the image does: a copy of the tree's assets folder
 * (never the output folder itself: node_modules must not land in out/), the install command
 * (`npm ci`) with a package cache kept under node_modules/.cache/stackdoc/npm so later runs
 * need no download, then the build command (`npm run build`). The build folders live under one
 * temp folder removed when the process exits.
 */
export async function buildBundle(example: RunManifest, variantDir: string): Promise<BuiltBundle> {
  const assets = example.assets!;
  // the same assets folder and commands (both builders, later chapters) build the same bundle: once per run
  const key = await folderHash(join(variantDir, assets.dir), JSON.stringify(assets));
  const done = built.get(key);
  if (done) return { ...(await done), said: 'built earlier in this run from the same sources' };
  const building = build(example, variantDir);
  built.set(key, building);
  building.catch(() => built.delete(key));
  return building;
}

const built = new Map<string, Promise<BuiltBundle>>();
let buildRoot: string | undefined;

async function build(example: RunManifest, variantDir: string): Promise<BuiltBundle> {
  const assets = example.assets!;
  if (buildRoot === undefined) {
    buildRoot = await mkdtemp(join(tmpdir(), 'stackdoc-assets-'));
    const root = buildRoot;
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  }
  const dir = await mkdtemp(join(buildRoot, 'build-'));
  await cp(join(variantDir, assets.dir), dir, { recursive: true });
  const env = runEnvironment({ npm_config_cache: join(cacheDir(), 'npm'), npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  const steps: [string[], number][] = [[assets.install, INSTALL_TIMEOUT_MS], [assets.build, BUILD_TIMEOUT_MS]];
  const said: string[] = [];
  for (const [command, timeoutMs] of steps) {
    const started = Date.now();
    const run = await runToEnd(command[0]!, command.slice(1), { cwd: dir, env, timeoutMs });
    if (run.code !== 0) {
      throw new Error(`\`${command.join(' ')}\` in ${assets.dir}/ ${run.timedOut ? `took over ${timeoutMs / 1000} s` : `failed (${run.code ?? run.signal})`}\n${tail(`${run.stderr}\n${run.stdout}`)}`);
    }
    said.push(`\`${command.join(' ')}\` ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const outputDir = join(dir, assets.output);
  let bundle: Buffer;
  try {
    bundle = await readFile(join(outputDir, assets.bundle));
  } catch {
    throw new Error(`the build wrote no ${assets.output}/${assets.bundle} in ${assets.dir}/`);
  }
  return { outputDir, bundle, said: said.join(', ') };
}

/** A private working folder for one run, under the system's temp folder. */
export function workFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'stackdoc-services-'));
}

async function folderHash(dir: string, extra: string): Promise<string> {
  const hash = createHash('sha256').update(extra);
  for (const path of await listFiles(dir)) hash.update(`\0${path}\0`).update(await readFile(join(dir, path)));
  return hash.digest('hex');
}
