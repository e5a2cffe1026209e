import { mkdtempSync, readFileSync } from 'node:fs';
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
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>;
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
    const { code, stdout, stderr } = stackdoc(['scan', 'test/fixtures/scan/unclosed/input.md']);
    expect(code).toBe(0);
    expect(stderr).toContain('test/fixtures/scan/unclosed/input.md:3:33: warning: unclosed {{');
    expect(stdout).toContain('assets.output_dir');
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
    const rescan = JSON.parse(stackdoc(['scan', out, '--format', 'json']).stdout) as Array<{ id: string; kind: string }>;
    const original = JSON.parse(stackdoc(['scan', given, '--format', 'json']).stdout) as Array<{ id: string; kind: string }>;
    expect(rescan.map((r) => `${r.id} ${r.kind}`)).toEqual(original.map((r) => `${r.id} ${r.kind}`));
  });
});
