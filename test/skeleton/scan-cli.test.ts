import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';

const given = 'test/fixtures/given/werf-guide.ru.md';

describe('stackdoc scan', () => {
  it('lists findings linter-style, grouped by chapter, with a summary', () => {
    const { code, stdout } = stackdoc(['scan', given]);
    expect(code).toBe(0);
    expect(stdout).toContain('  Hello world › Локальная сборка\n');
    expect(stdout).toMatch(/test\/fixtures\/given\/werf-guide\.ru\.md:124:10-124:18 {2}value +hello-world\.chat {2}chat/);
    expect(stdout.trim().split('\n').at(-1)).toBe('79 findings in 1 file: 16 slot, 13 value, 47 brief, 2 conditional, 1 todo');
  });

  it('prints JSON with 1-based positions, kind, id, text and chapter', () => {
    const { code, stdout } = stackdoc(['scan', given, '--format', 'json']);
    expect(code).toBe(0);
    const { files, holes: records } = JSON.parse(stdout) as { files: unknown[]; holes: Array<Record<string, unknown>> };
    expect(files).toEqual([{ file: given, legacyHoles: { on: true, why: 'the front-matter chooses a stack (language: python)' } }]);
    expect(records).toHaveLength(79);
    expect(records.find((r) => r.line === 354)).toMatchObject({
      file: given, column: 1, endLine: 363, endColumn: 3, kind: 'brief', chapter: 'Hello world › Построение CI-процесса › Деплой › Описание приложения в хельме › Переменные окружения',
    });
  });

  it('scans the skeletons in seeds/ by default', () => {
    const { code, stdout } = stackdoc(['scan']);
    expect(code).toBe(0);
    expect(stdout).toContain('seeds/werf-guide.ru.md');
  });

  it('exits 2 with a clear message on a missing file, a directory or a bad option', () => {
    const missing = stackdoc(['scan', 'nope.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.md: no such file; check the path');
    const dir = stackdoc(['scan', 'test']);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('test: is a directory; pass a Markdown file');
    const bad = stackdoc(['scan', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'xml' is invalid");
    for (const r of [missing, dir, bad]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('warns about an unclosed {{ with its place and keeps scanning', () => {
    const { code, stdout, stderr } = stackdoc(['scan', '--legacy-holes', 'on', 'test/fixtures/scan/unclosed/input.md']);
    expect(code).toBe(0);
    expect(stderr).toContain('test/fixtures/scan/unclosed/input.md:3:33: warning: unclosed {{');
    expect(stdout).toContain('assets.output_dir');
  });

  it('says per file whether {{…}} are holes, and why', () => {
    const plain = 'test/fixtures/scan/unclosed/input.md';
    const auto = stackdoc(['scan', plain, given]);
    expect(auto.code).toBe(0);
    expect(auto.stdout).toContain(`${plain}  (legacy {{…}} holes off: not a skeleton (no stack in the front-matter, not in seeds/ or stackdoc.yaml); --legacy-holes on reads {{…}} as holes)\n`);
    expect(auto.stdout).toContain(`${given}  (legacy {{…}} holes on: the front-matter chooses a stack (language: python))\n`);
    expect(auto.stdout).not.toMatch(/unclosed\/input\.md:\d/);
    expect(auto.stderr).not.toContain('unclosed {{');
    const seeds = stackdoc(['scan', '--format', 'json']);
    const files = (JSON.parse(seeds.stdout) as { files: Array<{ legacyHoles: { why: string } }> }).files;
    expect(files.map((f) => f.legacyHoles.why)).toContain('the front-matter chooses a stack (language: python)');
    const off = stackdoc(['scan', '--legacy-holes', 'off', given]);
    // Off, the {{TODO: …}} briefs are prose, so their TODOs are bare ones.
    expect(off.stdout.trim().split('\n').at(-1)).toBe('5 findings in 1 file: 0 slot, 0 value, 0 brief, 0 conditional, 5 todo');
    expect(off.stdout).toContain('(legacy {{…}} holes off: --legacy-holes off)');
  });

  it('reads a file whose --- block is not front-matter as Markdown, with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackdoc-'));
    const file = join(dir, 'ex96.md');
    writeFileSync(file, '---\nFoo\n---\nBar\n---\nBaz\n');
    const { code, stderr } = stackdoc(['scan', file]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${file}:1:1: warning: the --- block at the top is not a YAML map of keys`);
    expect(stackdoc(['migrate', file]).stdout).toBe('---\nFoo\n---\nBar\n---\nBaz\n');
  });

  it('refuses YAML aliases without an anchor and alias bombs with their place, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackdoc-'));
    writeFileSync(join(dir, 'alias.md'), '---\nlanguage: python\na: *x\n---\n# x\n');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) bomb.push(`${k}: &${k} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    writeFileSync(join(dir, 'bomb.md'), `---\n${bomb.join('\n')}\n---\n# x\n`);
    const alias = stackdoc(['scan', join(dir, 'alias.md')]);
    expect(alias.code).toBe(2);
    expect(alias.stderr).toContain('alias.md:3:4: front-matter uses an alias with no anchor before it');
    const many = stackdoc(['migrate', join(dir, 'bomb.md')]);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/bomb\.md:\d+:\d+: front-matter expands YAML aliases more than 100 times/);
    for (const r of [alias, many]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports invalid front-matter YAML at the line of the file', () => {
    const { code, stderr } = stackdoc(['scan', 'test/fixtures/scan/front-matter-invalid/input.md']);
    expect(code).toBe(2);
    expect(stderr).toContain('front-matter-invalid/input.md:4:1: front-matter is not valid YAML');
  });
});

describe('stackdoc migrate', () => {
  it('writes canonical holes and keeps Helm actions', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'stackdoc-')), 'migrated.md');
    const { code, stderr } = stackdoc(['migrate', given, '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('78 legacy holes rewritten');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('В {{Frameworkname}}'.replace('{{Frameworkname}}', '<<framework.name>>'));
    expect(text).toContain('<<hello-world.chat: chat>>');
    expect(text).not.toMatch(/\{\{(?!\s*[.$-]|\s*tuple)/);
    type Scan = { holes: Array<{ id: string; kind: string }> };
    const rescan = (JSON.parse(stackdoc(['scan', out, '--format', 'json']).stdout) as Scan).holes;
    const original = (JSON.parse(stackdoc(['scan', given, '--format', 'json']).stdout) as Scan).holes;
    expect(rescan.map((r) => `${r.id} ${r.kind}`)).toEqual(original.map((r) => `${r.id} ${r.kind}`));
  });
});
