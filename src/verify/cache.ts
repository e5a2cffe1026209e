import { existsSync } from 'node:fs';
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

/** Cache entries are written atomically: concurrent verifications may fill the same entry at once. */
export { writeFileAtomic as writeAtomic } from '../util/write.js';
