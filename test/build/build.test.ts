import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStack } from '../../src/build.js';
import { writeStackOutput } from '../../src/emit/write-tree.js';
import { listFiles } from '../../src/util/files.js';
import { parseSkeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';
import { expectGolden } from '../helpers/golden.js';
import { containsInOrder, outsideHoles } from '../helpers/outside.js';

const basic = join(import.meta.dirname, '../fixtures/build/basic');

describe('stackdoc build on a small stack (test/fixtures/build/basic)', () => {
  const dir = copyFixture(basic);
  const run = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir);
  const article = readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8');

  it('builds out/<slug>/ and says what it filled and what is left', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('layers: base → lang → lang/fw → gitlab');
    expect(run.stdout).toContain('holes: 10, filled 7, removed 1 (by front-matter conditions or authoring blocks), unfilled 2');
    expect(run.stdout).toContain('skeleton.md:26:1-26:46  brief        nobody.knows');
  });

  it('rewrites nothing when nothing changed, and swaps the folder when something did', () => {
    const inode = () => statSync(join(dir, 'out/lang-fw/article.md')).ino;
    const before = inode();
    expect(stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir).code).toBe(0);
    expect(inode()).toBe(before);
    const copy = copyFixture(basic);
    expect(stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], copy).code).toBe(0);
    const first = statSync(join(copy, 'out/lang-fw/article.md')).ino;
    writeFileSync(join(copy, 'skeleton.md'), `${readFileSync(join(copy, 'skeleton.md'), 'utf8')}\nOne more line.\n`);
    expect(stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], copy).code).toBe(0);
    expect(statSync(join(copy, 'out/lang-fw/article.md')).ino).not.toBe(first);
    expect(readFileSync(join(copy, 'out/lang-fw/article.md'), 'utf8')).toContain('One more line.');
  });

  it('writes the reviewed article and report', () => {
    expectGolden(join(basic, 'expected-article.json'), article.split('\n'));
    expectGolden(join(basic, 'expected-report.json'), JSON.parse(readFileSync(join(dir, 'out/lang-fw/report.json'), 'utf8')));
  });

  it('lets a later layer override an earlier one, value by value and section by section', () => {
    expect(article).toContain('port 8080'); // lang/fw's app.port over base's 3000
    expect(article).toContain('В Fw работает один процесс'); // lang/fw's section over base's
    expect(article).not.toContain('Base says');
  });

  it('removes the "если есть компиляция" hole because is_compiled is 0, and says why', () => {
    expect(article).not.toContain('компиляция');
    const report = JSON.parse(readFileSync(join(dir, 'out/lang-fw/report.json'), 'utf8'));
    expect(report.filled).toContainEqual(expect.objectContaining({ how: 'removed', reason: 'is_compiled: 0 in the front-matter' }));
  });

  it('keeps an unfilled hole visible in canonical form, and Helm actions as they were', () => {
    expect(article).toContain('<<nobody.knows: Никто не заполняет эту дыру>>');
    expect(article).toContain('{{ tuple "app" . | include "werf_container_env" | indent 8 }}');
  });

  it('cuts code blocks from the example files and keeps markers out of the files', () => {
    expect(article).toContain('```yaml\nproject: demo\nconfigVersion: 1\n```');
    const werf = readFileSync(join(dir, 'out/lang-fw/examples/010-hello/stapel/werf.yaml'), 'utf8');
    expect(werf).not.toContain('snippet');
    expect(readFileSync(join(dir, 'out/lang-fw/examples/010-hello/dockerfile/app.txt'), 'utf8')).toBe('port {{ .Values.port }} and 8080\n');
  });

  it('states the resolved layers in the front-matter', () => {
    expect(article).toContain('is_compiled: 0\nstackdoc_layers: ["base", "lang", "lang/fw", "gitlab"]\n---\n');
  });

  it('changes no byte outside the holes', () => {
    const text = readFileSync(join(dir, 'skeleton.md'), 'utf8');
    const skeleton = parseSkeleton(decodeSource('skeleton.md', Buffer.from(text)));
    const withoutLayers = article.replace(/stackdoc_layers: .*\n/, '');
    expect(containsInOrder(withoutLayers, outsideHoles(text, skeleton.holes))).toBeUndefined();
  });

  it('is deterministic: a second build is byte-identical and --check finds it fresh', () => {
    const again = copyFixture(basic);
    stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], again);
    return Promise.all([listFiles(join(dir, 'out')), listFiles(join(again, 'out'))]).then(([a, b]) => {
      expect(b).toEqual(a);
      for (const f of a) expect(readFileSync(join(again, 'out', f), 'utf8')).toBe(readFileSync(join(dir, 'out', f), 'utf8'));
      const check = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out', '--check'], again);
      expect(check.code).toBe(0);
      expect(check.stdout).toContain('out/lang-fw: up to date');
    });
  });

  it('--check exits 1 and names the stale file when the output was edited', () => {
    const stale = copyFixture(basic);
    stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], stale);
    writeFileSync(join(stale, 'out/lang-fw/article.md'), 'edited by hand\n');
    const check = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out', '--check'], stale);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('stale    out/lang-fw/article.md');
  });

  it('--dry-run lists the files and writes nothing', () => {
    const dry = copyFixture(basic);
    const r = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out', '--dry-run'], dry);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would write out/lang-fw/ (8 files):');
    expect(existsSync(join(dry, 'out'))).toBe(false);
  });

  it('--strict exits 1 while holes are unfilled', () => {
    const strict = copyFixture(basic);
    expect(stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out', '--strict'], strict).code).toBe(1);
  });
});

describe('writing the output', () => {
  it('leaves the previous output intact when a build is interrupted midway', async () => {
    const dir = copyFixture(basic);
    const skeleton = parseSkeleton(decodeSource('skeleton.md', readFileSync(join(dir, 'skeleton.md'))));
    const result = buildStack(skeleton, { profilesDir: join(dir, 'profiles') });
    const out = join(dir, 'out');
    await writeStackOutput(out, 'lang-fw', result.files);
    const before = readFileSync(join(out, 'lang-fw/article.md'), 'utf8');
    // A file and a folder of the same name: the second write fails halfway through the build.
    const broken = new Map([['article.md', 'new text'], ['a', 'x'], ['a/b', 'y']]);
    await expect(writeStackOutput(out, 'lang-fw', broken)).rejects.toThrow();
    expect(readFileSync(join(out, 'lang-fw/article.md'), 'utf8')).toBe(before);
    expect(await listFiles(out)).toEqual((await listFiles(out)).filter((f) => !f.startsWith('.')));
  });

  it('refuses to write outside the output folder', async () => {
    const dir = copyFixture(basic);
    await expect(writeStackOutput(join(dir, 'out'), 'x', new Map([['../../escape.txt', 'no']]))).rejects.toThrow(/outside the output folder/);
    expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
  });
});
