import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

// Input that is valid but odd: line endings, and the many ways to spell one path.
const basic = join(import.meta.dirname, '../fixtures/build/basic');
const edges = join(import.meta.dirname, '../fixtures/build/line-endings');
const build = (dir: string, ...more: string[]) => stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out', ...more], dir);
const lineBreaks = (text: string) => ({ crlf: (text.match(/\r\n/g) ?? []).length, lf: (text.match(/(?<!\r)\n/g) ?? []).length });

describe('line endings: the article has the skeleton\'s', () => {
  it('a CRLF skeleton gives an all-CRLF article: sections, snippets and the front-matter the build edits too', () => {
    // crlf-skeleton: the basic skeleton in CRLF, its front-matter naming another framework than
    // the stack built, so the build edits it; its section and example files are LF, as profiles
    // usually are.
    const dir = copyFixture(basic, join(edges, 'crlf-skeleton'));
    const run = build(dir, '--stack', 'lang/fw');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const article = readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8');
    expect(article).toContain('Он отвечает на запросы'); // the two-paragraph LF section
    expect(article).toContain('project: demo'); // the snippet cut from an LF example file
    expect(article).toContain('framework: "fw" # built with'); // the front-matter was edited
    expect(lineBreaks(article).lf).toBe(0);
    expect(lineBreaks(article).crlf).toBeGreaterThan(30);
    // The example files keep their own line endings.
    expect(readFileSync(join(dir, 'out/lang-fw/examples/010-hello/stapel/werf.yaml'), 'utf8')).not.toContain('\r');
    expect(build(dir, '--stack', 'lang/fw', '--check').code).toBe(0);
  });

  it('an LF skeleton gives an all-LF article, even from a CRLF section file', () => {
    const dir = copyFixture(basic, join(edges, 'crlf-section'));
    expect(build(dir).code).toBe(0);
    const article = readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8');
    expect(article).toContain('Он отвечает на запросы');
    expect(lineBreaks(article).crlf).toBe(0);
  });
});

describe('paths in the report', () => {
  it('are the same however the skeleton path is spelled, so --check agrees', () => {
    const dir = copyFixture(basic);
    expect(build(dir).code).toBe(0);
    const report = () => JSON.parse(readFileSync(join(dir, 'out/lang-fw/report.json'), 'utf8'));
    expect(report().skeleton).toBe('skeleton.md');
    for (const spelling of ['./skeleton.md', './/skeleton.md', join(dir, 'skeleton.md'), '../' + dir.split('/').at(-1) + '/skeleton.md']) {
      const check = stackdoc(['build', spelling, '--profiles', 'profiles', '--out', 'out', '--check'], dir);
      expect(check.stdout, spelling).toContain('out/lang-fw: up to date');
      expect(check.code, spelling).toBe(0);
    }
    // Built from another spelling, the report is byte for byte the same.
    const before = readFileSync(join(dir, 'out/lang-fw/report.json'), 'utf8');
    expect(stackdoc(['build', './skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'out/lang-fw/report.json'), 'utf8')).toBe(before);
    expect(report().unfilled.every((h: { file: string }) => h.file === 'skeleton.md')).toBe(true);
  });
});
