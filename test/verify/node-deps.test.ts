import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/verify/manifest.js';
import { prepareAppDir, releaseNodeInstalls } from '../../src/verify/run/node-deps.js';
import { ROOT } from '../helpers/cli.js';

// The shipped dependencies chapter of the Node.js stack: an Express app whose package-lock.json
// pins its packages. Two trees with the same lock file share one `npm ci` per purpose.
const tree = join(ROOT, 'out/node-npm/examples/020-dependencies/stapel');
const node = { runtime: 'node' } as RunManifest;
const scratch = mkdtempSync(join(tmpdir(), 'stackdoc-node-deps-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('node dependencies of a run', () => {
  it('installs once per lock file and purpose, links each copy to it, and removes the installs at the end', async () => {
    const other = join(scratch, 'other');
    cpSync(tree, other, { recursive: true });
    const a = await prepareAppDir(node, tree, 'run');
    const b = await prepareAppDir(node, other, 'run');
    const t = await prepareAppDir(node, tree, 'test');
    try {
      expect(a.dir).not.toBe(tree);
      const modules = realpathSync(join(a.dir, 'node_modules'));
      expect(realpathSync(join(b.dir, 'node_modules'))).toBe(modules);
      expect(existsSync(join(modules, 'express/package.json'))).toBe(true);
      // the tests get devDependencies: an install of their own
      expect(realpathSync(join(t.dir, 'node_modules'))).not.toBe(modules);
      // the emitted tree stays as emitted
      expect(existsSync(join(tree, 'node_modules'))).toBe(false);
      await releaseNodeInstalls();
      expect(existsSync(modules)).toBe(false);
    } finally {
      await Promise.all([a.dispose(), b.dispose(), t.dispose()]);
      await releaseNodeInstalls();
    }
  }, 300_000);
});
