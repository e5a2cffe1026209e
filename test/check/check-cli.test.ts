import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES, writeStamp } from '../../src/verify/index.js';
import { ROOT, stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

const basic = join(import.meta.dirname, '../fixtures/build/basic');
const complete = join(import.meta.dirname, '../fixtures/check-complete');
const args = ['skeleton.md', '--profiles', 'profiles', '--out', 'out'];

/** The basic fixture with a finished skeleton, built and its example tree stamped as tested. */
async function finishedArticle(): Promise<string> {
  const dir = copyFixture(basic, complete);
  expect(stackdoc(['build', ...args], dir).code).toBe(0);
  const chapterDir = join(dir, 'out/lang-fw/examples/010-hello');
  await writeStamp(chapterDir, CHECK_NAMES.map((check) => ({ chapterDir, variant: 'both' as const, check, status: 'pass' as const, message: 'fixture' })));
  return dir;
}

describe('stackdoc check', () => {
  it('exits 0 on a finished article', async () => {
    const dir = await finishedArticle();
    const { code, stdout } = stackdoc(['check', ...args], dir);
    expect(stdout).toContain('✔ no problems');
    expect(code).toBe(0);
  });

  // The shipped articles are finished: every hole filled, every example tree tested, nothing
  // for any rule to report (the same gate `.ci/run` relies on through `build --check`).
  it.each([[[]], [['--stack', 'node/npm']]])('passes on the shipped article %j and exits 0', (stack: string[]) => {
    const { code, stdout } = stackdoc(['check', ...stack, '--format', 'json']);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(code).toBe(0);
  });

  it('keeps fingerprints when a line is inserted above the findings', () => {
    const dir = copyFixture(basic);
    const before = JSON.parse(stackdoc(['check', ...args, '--format', 'json'], dir).stdout) as Array<{ fingerprint: string; line: number }>;
    const text = readFileSync(join(dir, 'skeleton.md'), 'utf8').replace('# Hello\n', '# Hello\n\nA new paragraph.\n');
    writeFileSync(join(dir, 'skeleton.md'), text);
    const after = JSON.parse(stackdoc(['check', ...args, '--format', 'json'], dir).stdout) as Array<{ fingerprint: string; line: number }>;
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(after.map((f) => f.line)).not.toEqual(before.map((f) => f.line));
  });

  it('fails only on findings not in the baseline', () => {
    const dir = copyFixture(basic);
    const write = stackdoc(['check', ...args, '--write-baseline'], dir);
    expect(write.code).toBe(0);
    expect(write.stderr).toMatch(/\.stackdoc-baseline\.json: baseline of \d+ findings written/);
    expect(stackdoc(['check', ...args, '--baseline', '.stackdoc-baseline.json'], dir).code).toBe(0);
    writeFileSync(join(dir, 'skeleton.md'), `${readFileSync(join(dir, 'skeleton.md'), 'utf8')}\n*   TODO: a new one\n`);
    const again = stackdoc(['check', ...args, '--baseline', '.stackdoc-baseline.json'], dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('TODO left in the text: a new one');
    expect(again.stdout).not.toContain('a bare one');
  });

  it('writes the GitLab Code Quality, SARIF and JUnit reports a merge request shows', () => {
    const dir = copyFixture(basic);
    for (const format of ['gitlab', 'sarif', 'junit']) {
      const r = stackdoc(['check', ...args, '--format', format, '--output', `report.${format}`], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
    }
    const quality = JSON.parse(readFileSync(join(dir, 'report.gitlab'), 'utf8')) as Array<Record<string, unknown>>;
    expect(quality.map((q) => q.check_name)).toEqual(expect.arrayContaining(['todo', 'unfilled-hole']));
    expect(JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(XMLValidator.validate(readFileSync(join(dir, 'report.junit'), 'utf8'))).toBe(true);
  });

  it('reports a broken profile as a tool error (exit 2), not as findings', () => {
    const dir = copyFixture(basic, join(import.meta.dirname, '../fixtures/build-errors/values-unknown-key/overlay'));
    const r = stackdoc(['check', ...args], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profiles/lang/values.yaml:7:3: unknown key "imagee"');
  });
});
