import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

// What a build does with the output folder it finds: test/fixtures/output/<case>/overlay on top
// of the basic build fixture (test/fixtures/output/README.md says what each case is).
const basic = join(import.meta.dirname, '../fixtures/build/basic');
const cases = join(import.meta.dirname, '../fixtures/output');
const build = ['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'];
const noTrace = (stderr: string): void => {
  expect(stderr).not.toMatch(/\n\s+at |internal error|EISDIR|ENOTDIR|EEXIST|ENOTEMPTY/);
};

describe('a build never replaces what it did not make', () => {
  it('refuses out/lang-fw/ without the mark, names it and says what to do, and leaves the notes in it', () => {
    const dir = copyFixture(basic, join(cases, 'foreign-folder/overlay'));
    const r = stackdoc(build, dir);
    expect(r.code).toBe(2);
    noTrace(r.stderr);
    expect(r.stderr).toContain('stackdoc: out/lang-fw/ was not made by stackdoc (it has no .stackdoc-output file)');
    expect(r.stderr).toContain('touch out/lang-fw/.stackdoc-output');
    expect(readdirSync(join(dir, 'out/lang-fw'))).toEqual(['my-notes.txt']);
    expect(readFileSync(join(dir, 'out/lang-fw/my-notes.txt'), 'utf8')).toBe(readFileSync(join(cases, 'foreign-folder/overlay/out/lang-fw/my-notes.txt'), 'utf8'));
    expect(readdirSync(join(dir, 'out'))).toEqual(['lang-fw']); // no staging folder left behind
  });

  it('refuses out/lang-fw when it is a file, and leaves the file', () => {
    const dir = copyFixture(basic, join(cases, 'stack-is-a-file/overlay'));
    const r = stackdoc(build, dir);
    expect(r.code).toBe(2);
    noTrace(r.stderr);
    expect(r.stderr).toContain('stackdoc: out/lang-fw is a file, not an output folder stackdoc made; it is left as it is');
    expect(readFileSync(join(dir, 'out/lang-fw'), 'utf8')).toBe('Это файл, а не папка вывода.\n');
  });

  it('restores the previous output a build killed mid-swap left, drops its staging folder, keeps the test stamp', () => {
    const dir = copyFixture(basic, join(cases, 'killed-between-renames/overlay'));
    const r = stackdoc(build, dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('restored out/lang-fw/ from out/.lang-fw.stackdoc-backup/');
    expect(r.stderr).toContain('removed out/.lang-fw.stackdoc-staging-Ab12Cd/');
    expect(readdirSync(join(dir, 'out'))).toEqual(['lang-fw']);
    expect(readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8')).toContain('stackdoc_layers:');
    expect(readFileSync(join(dir, 'out/lang-fw/examples/010-hello/test-stamp.json'), 'utf8')).toBe('{"tree": "the previous test stamp"}\n');
    expect(stackdoc([...build, '--check'], dir).code).toBe(0);
  });

  it('keeps a folder named like a staging folder that has no mark', () => {
    const dir = copyFixture(basic, join(cases, 'lookalike-staging/overlay'));
    expect(stackdoc(build, dir).code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['.lang-fw.stackdoc-staging-mine01', 'lang-fw']);
    expect(existsSync(join(dir, 'out/.lang-fw.stackdoc-staging-mine01/notes.txt'))).toBe(true);
  });

  it('marks what it makes, and build --check wants the mark', () => {
    const dir = copyFixture(basic);
    expect(stackdoc(build, dir).code).toBe(0);
    expect(readFileSync(join(dir, 'out/lang-fw/.stackdoc-output'), 'utf8')).toMatch(/^This folder is written by `stackdoc build`/);
    writeFileSync(join(dir, 'out/lang-fw/.stackdoc-output'), '');
    const check = stackdoc([...build, '--check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('stale    out/lang-fw/.stackdoc-output');
  });
});

describe('paths of the wrong kind are errors with exit 2 and what to do', () => {
  const dir = copyFixture(basic);
  writeFileSync(join(dir, 'a-file'), 'x\n');
  mkdirSync(join(dir, 'a-folder'));
  const table: Array<[string, string[], string]> = [
    ['build --out FILE', [...build.slice(0, -1), 'a-file'], '--out a-file is a file, not a folder'],
    ['build --out under a FILE', [...build.slice(0, -1), 'a-file/out'], '--out a-file/out: '],
    ['build --check --out FILE', [...build.slice(0, -1), 'a-file', '--check'], '--out a-file is a file, not a folder'],
    ['preview --out FILE', ['preview', 'skeleton.md', '--profiles', 'profiles', '--out', 'a-file'], '--out a-file is a file, not a folder'],
    ['test-examples --out FILE', ['test-examples', '--out', 'a-file'], '--out a-file is a file, not a folder'],
    ['migrate -o DIR', ['migrate', 'skeleton.md', '-o', 'a-folder'], '-o a-folder is a folder; give the path of a file'],
    ['migrate -o under a FILE', ['migrate', 'skeleton.md', '-o', 'a-file/x.md'], '-o a-file/x.md: '],
    ['check --output DIR', ['check', 'skeleton.md', '--profiles', 'profiles', '--output', 'a-folder'], '--output a-folder is a folder; give the path of a file'],
    ['check --write-baseline DIR', ['check', 'skeleton.md', '--profiles', 'profiles', '--write-baseline', 'a-folder'], '--write-baseline a-folder is a folder'],
    ['check --baseline DIR', ['check', 'skeleton.md', '--profiles', 'profiles', '--baseline', 'a-folder'], '--baseline a-folder is a folder'],
    ['check --out FILE', ['check', 'skeleton.md', '--profiles', 'profiles', '--out', 'a-file'], '--out a-file is a file, not a folder'],
  ];
  it.each(table)('%s', (_name, args, message) => {
    const r = stackdoc(args, dir);
    noTrace(r.stderr);
    expect(r.stderr).toContain(`stackdoc: ${message}`);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'a-file'), 'utf8')).toBe('x\n');
    expect(readdirSync(join(dir, 'a-folder'))).toEqual([]);
  });
});

describe('an output folder that would mix stacks into other files is refused unless --force', () => {
  // The project sits one level down in a temp folder that also serves as the home folder, so a
  // regression writes into temp folders, never into the real home or /tmp.
  const parent = mkdtempSync(join(tmpdir(), 'stackdoc-parent-'));
  const dir = join(parent, 'project');
  cpSync(basic, dir, { recursive: true });
  const env = { HOME: parent };
  it.each([
    ['/', 'the root folder'],
    [parent, 'your home folder'],
    ['.', 'the working folder'],
    ['..', 'your home folder'],
    [join(dir, 'profiles/..'), 'the working folder'],
  ])('--out %s', (out, what) => {
    const existed = existsSync(join(resolve(dir, out), 'lang-fw'));
    const r = stackdoc([...build.slice(0, -1), out], dir, env);
    expect(r.code).toBe(2);
    noTrace(r.stderr);
    expect(r.stderr).toContain(`--out ${out} is ${what}`);
    expect(r.stderr).toContain('or add --force if you mean it');
    expect(existsSync(join(resolve(dir, out), 'lang-fw'))).toBe(existed);
  });

  it('refuses a folder above the working folder', () => {
    const nested = join(dir, 'sub');
    mkdirSync(nested);
    cpSync(join(dir, 'skeleton.md'), join(nested, 'skeleton.md'));
    const r = stackdoc(['build', 'skeleton.md', '--profiles', '../profiles', '--out', '..'], nested, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out .. is a folder above the working folder');
    expect(existsSync(join(dir, 'lang-fw'))).toBe(false);
  });

  it('writes into the working folder with --force', () => {
    const r = stackdoc([...build.slice(0, -1), '.', '--force'], dir, env);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'lang-fw/.stackdoc-output'))).toBe(true);
  });
});
