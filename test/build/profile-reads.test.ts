import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

/**
 * Every read of a profile stays inside the profiles folder. Each folder under
 * test/fixtures/profile-reads is the basic build fixture with one change that git cannot hold
 * (a symlink, a folder named like a file, a file name with backslashes), made by this test in
 * a temp copy as case.json says:
 *
 *   remove   paths to delete first
 *   links    path → target (absolute, or relative to the temp copy's root)
 *   dirs     folders to create (with a file inside, so the folder is not empty)
 *   files    path → content
 *   args     the command (default: build skeleton.md --profiles profiles --out out)
 *   error    what standard error must contain (exit 2, no stack trace); absent: the build succeeds
 *
 * Every temp copy holds outside/secret.txt (outside the profiles folder): its text must never
 * reach the output or the terminal.
 */
const basic = join(import.meta.dirname, '../fixtures/build/basic');
const root = join(import.meta.dirname, '../fixtures/profile-reads');
const SECRET = 'SECRET-OUTSIDE-PROFILES';

interface Case {
  remove?: string[];
  links?: Record<string, string>;
  dirs?: string[];
  files?: Record<string, string>;
  args?: string[];
  error?: string;
}

function prepare(name: string): { dir: string; spec: Case } {
  const spec = JSON.parse(readFileSync(join(root, name, 'case.json'), 'utf8')) as Case;
  const dir = copyFixture(basic, join(root, name, 'overlay'));
  mkdirSync(join(dir, 'outside'), { recursive: true });
  writeFileSync(join(dir, 'outside/secret.txt'), `${SECRET}\n`);
  for (const path of spec.remove ?? []) rmSync(join(dir, path), { recursive: true, force: true });
  for (const path of spec.dirs ?? []) {
    mkdirSync(join(dir, path), { recursive: true });
    writeFileSync(join(dir, path, 'keep.txt'), 'a file in a folder\n');
  }
  for (const [path, text] of Object.entries(spec.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const [path, target] of Object.entries(spec.links ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(target.startsWith('/') ? target : join(dir, target), join(dir, path));
  }
  return { dir, spec };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('profile reads are confined to the profiles folder', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const { dir, spec } = prepare(name);
      const { code, stdout, stderr } = stackdoc(spec.args ?? ['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir);
      expect(stderr).not.toMatch(/\n\s+at |internal error/);
      expect(stdout + stderr).not.toContain(SECRET);
      for (const file of filesUnder(join(dir, 'out'))) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
      if (spec.error !== undefined) {
        expect(stderr).toContain(spec.error);
        expect(code).toBe(2);
      } else {
        expect(stderr).toBe('');
        expect(code).toBe(0);
      }
      rmSync(dir, { recursive: true, force: true });
    });
  }
});
