import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import lockfile from 'proper-lockfile';
import { ROOT, stackdoc } from '../helpers/cli.js';
import { shippedProject, snapshot } from '../helpers/output.js';

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, onStderr?: (text: string) => void): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/stackdoc.js'), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(d.toString());
    });
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('builds into one output folder at once', () => {
  const dir = shippedProject();
  const single = stackdoc(['build', '--out', 'single'], dir);

  // Before the output folder had a lock, 2 builds at once lost files in 4 of 10 tries and 4 in
  // 9 of 10, the losers ending in an ENOTEMPTY stack trace.
  it.each([
    [2, 3],
    [4, 1],
  ])('%i builds at once (%i tries): all exit 0, and the output is whole and identical to one build', async (n, tries) => {
    expect(single.code).toBe(0);
    const expected = await snapshot(join(dir, 'single'));
    for (let t = 0; t < tries; t++) {
      const out = `shared-${n}-${t}`;
      const runs = await Promise.all(Array.from({ length: n }, () => run(['build', '--out', out], dir)));
      for (const r of runs) {
        expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
        expect(r.code, r.stderr).toBe(0);
      }
      expect(readdirSync(join(dir, out)).sort()).toEqual(['node-npm', 'python-flask-pip-pytest-webpack']);
      expect(await snapshot(join(dir, out))).toEqual(expected);
    }
  }, 300_000);
});

describe('a run that finds the output folder locked', () => {
  const dir = shippedProject();
  const args = ['build', '--stack', 'node/npm', '--out', 'out'];

  it('waits, says so, and goes on when the lock is released', async () => {
    mkdirSync(join(dir, 'out'));
    const release = await lockfile.lock(join(dir, 'out'), { realpath: false, lockfilePath: join(dir, 'out/.stackdoc-lock') });
    const waiting = 'stackdoc: out/ is being written by another stackdoc run; waiting for it (up to 60 s)';
    let seen = '';
    const pending = run(args, dir, {}, (text) => (seen += text));
    for (let i = 0; i < 600 && !seen.includes(waiting); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(join(dir, 'out'))).toEqual(['.stackdoc-lock']); // nothing written while it waits
    await release();
    const r = await pending;
    expect(r.stderr).toContain(waiting);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out/node-npm'))).toContain('article.md');
  }, 120_000);

  it('gives up after the bound with exit 2 and what to do, writing nothing', async () => {
    const release = await lockfile.lock(join(dir, 'out'), { realpath: false, lockfilePath: join(dir, 'out/.stackdoc-lock') });
    try {
      const before = await snapshot(join(dir, 'out'));
      const r = await run(args, dir, { STACKDOC_LOCK_WAIT_MS: '1000' });
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
      expect(r.stderr).toContain('stackdoc: out/ is still being written by another stackdoc run after 1 s (its lock is out/.stackdoc-lock/); run again when it is done');
      expect(await snapshot(join(dir, 'out'))).toEqual(before);
    } finally {
      await release();
    }
  }, 120_000);

  it('build --check and test-examples take the same lock: a run holding it makes them wait, then give up', async () => {
    const release = await lockfile.lock(join(dir, 'out'), { realpath: false, lockfilePath: join(dir, 'out/.stackdoc-lock') });
    try {
      const before = await snapshot(join(dir, 'out'));
      for (const command of [[...args, '--check'], ['test-examples', '--stack', 'node/npm', '--chapter', '010-hello-world', '--out', 'out']]) {
        const r = await run(command, dir, { STACKDOC_LOCK_WAIT_MS: '1000' });
        expect(r.code, command.join(' ')).toBe(2);
        expect(r.stderr).toContain('stackdoc: out/ is still being written by another stackdoc run after 1 s');
      }
      expect(await snapshot(join(dir, 'out'))).toEqual(before);
    } finally {
      await release();
    }
  }, 120_000);
});
