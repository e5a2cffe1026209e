import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStack } from '../../src/build.js';
import { parseSkeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { ROOT, stackdoc } from '../helpers/cli.js';
import { containsInOrder, keptByBuild } from '../helpers/outside.js';

// The shipped skeleton and profiles, built the way `stackdoc build` does.
const profilesDir = join(ROOT, 'profiles');
const load = (path: string) => parseSkeleton(decodeSource(path, readFileSync(join(ROOT, path))));
const seed = load('seeds/werf-guide.ru.md');
const given = load('test/fixtures/given/werf-guide.ru.md');

/** The holes of a chapter (a top-level heading) that the build left unfilled. */
function unfilledIn(result: ReturnType<typeof buildStack>, chapter: string): string[] {
  return [...result.resolutions].filter(([h, r]) => r.how === 'unfilled' && h.chapter[0] === chapter).map(([h]) => `${h.line} ${h.id}`);
}

const STACKS = [
  { stack: undefined, slug: 'python-flask-pip-pytest-webpack', foreign: ['rails', 'RAILS_', 'jopa', 'node /app', 'npm'], names: ['language: "python"', 'framework: "flask"', 'package_managers_chosen: "pip"'] },
  { stack: 'node/npm', slug: 'node-npm', foreign: ['rails', 'RAILS_', 'jopa', 'gunicorn', 'Flask', 'pip install', 'requirements.txt'], names: ['language: "node"', 'framework: "express"', 'package_managers_chosen: "npm"'] },
];

describe.each(STACKS)('the shipped $slug stack', ({ stack, slug, foreign, names }) => {
  const result = buildStack(seed, { profilesDir, stack });

  it('resolves to its output folder', () => {
    expect(result.profile.stack.slug).toBe(slug);
  });

  it('fills every hole of the skeleton: the article is finished (build --strict exits 0)', () => {
    expect([...result.resolutions].filter(([, r]) => r.how === 'unfilled').map(([h]) => `${h.line} ${h.id}`)).toEqual([]);
  });

  it('leaves nothing in the shipped article that scan would take for a hole', () => {
    const { code, stdout } = stackdoc(['scan', `out/${slug}/article.md`, '--format', 'json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { holes: unknown[] }).holes).toEqual([]);
  });

  it('fills the "Hello world" and "Подключаем зависимости" chapters completely', () => {
    expect(unfilledIn(result, 'Hello world')).toEqual([]);
    expect(unfilledIn(result, 'Подключаем зависимости')).toEqual([]);
  });

  it('leaves no word of another stack in those chapters', () => {
    const start = result.article.indexOf('\n# Hello world');
    const end = result.article.indexOf('\n# Генерируем и раздаем ассеты');
    const chapters = result.article.slice(start, end);
    for (const word of foreign) expect(chapters.toLowerCase(), word).not.toContain(word.toLowerCase());
  });

  it('changes no byte of the skeleton outside its holes, its front-matter and its authoring blocks', () => {
    const { parts, body } = keptByBuild(seed, result);
    expect(containsInOrder(body, parts)).toBeUndefined();
    expect(result.article).not.toContain('Чек-лист готовности статьи');
  });

  it('names its own stack in the front-matter', () => {
    const frontMatter = result.article.slice(0, result.article.indexOf('\n---\n'));
    for (const line of names) expect(frontMatter).toContain(`\n${line}\n`);
    for (const word of foreign) expect(frontMatter.toLowerCase(), word).not.toContain(word.toLowerCase());
    expect(result.report.frontMatter.at(-1)).toEqual({ key: 'stackdoc_layers', to: result.report.layers });
  });

  it('emits both builders for both chapters, markers removed', () => {
    for (const chapter of ['010-hello-world', '020-dependencies']) {
      for (const file of ['stapel/werf.yaml', 'dockerfile/werf.yaml', 'dockerfile/Dockerfile', 'stapel/.gitlab-ci.yml', 'stapel/.helm/templates/deployment.yaml']) {
        expect(result.trees.has(`${chapter}/${file}`), `${chapter}/${file}`).toBe(true);
      }
    }
    for (const [path, file] of result.trees) expect(file.text, path).not.toMatch(/\[<(end)?snippet /);
  });
});

describe('the given skeleton, kept unchanged as a fixture', () => {
  it('still builds for the Flask stack, every byte outside its holes kept', () => {
    const result = buildStack(given, { profilesDir, stack: 'python/flask/pip/pytest/webpack' });
    expect(result.report.summary.filled).toBeGreaterThan(10);
    const { parts, body } = keptByBuild(given, result);
    expect(containsInOrder(body, parts)).toBeUndefined();
  });

  it('names its unit_tests_chosen that has no profile, at its line', () => {
    const { code, stderr } = stackdoc(['build', 'test/fixtures/given/werf-guide.ru.md', '--dry-run']);
    expect(code).toBe(2);
    expect(stderr).toContain('test/fixtures/given/werf-guide.ru.md:17:1: unit_tests_chosen: no profile "flask-sqlalchemy" under profiles/');
  });
});

describe('the committed output', () => {
  it('is what the build makes now (build --check)', () => {
    const { code, stdout } = stackdoc(['build', '--check']);
    expect(stdout).not.toContain('out of date');
    expect(code).toBe(0);
  });
});
