import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where verification keeps what it derives once and reuses (the compiled Helm renderer, the
 * GitLab schema pulled out of gitlab-ci-local): `node_modules/.cache/stackdoc`, the place build
 * tools conventionally cache into. Never the output folder (it is published) nor the repository.
 * STACKDOC_CACHE_DIR overrides it.
 */
export function cacheDir(): string {
  const override = process.env.STACKDOC_CACHE_DIR;
  if (override) return override;
  return join(packageRoot(), 'node_modules', '.cache', 'stackdoc');
}

/** The stackdoc package folder: the nearest ancestor of this module that has node_modules. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package folder with node_modules above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * Writes a file so that readers see the old content or the new, never half of it: concurrent
 * verifications (vitest runs files in parallel) may fill the same cache entry at once.
 */
export async function writeAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, data, mode === undefined ? undefined : { mode });
  await rename(tmp, path);
}
