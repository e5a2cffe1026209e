import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

const basic = join(import.meta.dirname, '../fixtures/build/basic');

describe('stackdoc build --watch', () => {
  it('rebuilds after an edit to the skeleton and to a profile, saying what changed', async () => {
    const dir = copyFixture(basic);
    const child = spawn(process.execPath, [join(ROOT, 'bin/stackdoc.js'), 'build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out', '--watch'], { cwd: dir });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = async (pattern: RegExp): Promise<void> => {
      for (let i = 0; i < 100 && !pattern.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(pattern);
    };
    try {
      await waitFor(/watching skeleton\.md and profiles\//);
      expect(out).toMatch(/\[start\] out\/lang-fw: 9 files changed, 2 holes unfilled, \d+ ms/);
      appendFileSync(join(dir, 'skeleton.md'), '\nОдин новый абзац.\n');
      await waitFor(/\[skeleton\.md\] out\/lang-fw: 1 file changed, 2 holes unfilled, \d+ ms/);
      expect(readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8')).toContain('Один новый абзац.');
      appendFileSync(join(dir, 'profiles/lang/fw/sections/hello.process.md'), 'Ещё одна фраза.\n');
      await waitFor(/\[profiles\/lang\/fw\/sections\/hello\.process\.md\] out\/lang-fw: 1 file changed/);
      expect(readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8')).toContain('Ещё одна фраза.');
    } finally {
      child.kill();
    }
  });
});
