import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

// --stack takes a layer path, a shorter path the layers' defaults complete, or the output
// folder's name, in every command that takes it (src/profile/stack.ts).
const SKELETON = 'seeds/werf-guide.ru.md';
const dryRun = (stack: string) => stackdoc(['build', SKELETON, '--stack', stack, '--dry-run', '--out', 'out']);

describe('naming a stack', () => {
  it('node builds the same as node/npm and node-npm', () => {
    const expected = dryRun('node/npm');
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain('layers: base → node → npm → gitlab');
    for (const form of ['node', 'node-npm']) expect(dryRun(form)).toEqual(expected);
  });

  it('python/flask, python, the full layer path and the folder name build the same stack', () => {
    const expected = dryRun('python/flask/pip/pytest/webpack');
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain('would build out/python-flask-pip-pytest-webpack/article.md');
    for (const form of ['python/flask', 'python', 'python/flask/pip/webpack', 'python-flask-pip-pytest-webpack']) expect(dryRun(form)).toEqual(expected);
  });

  it('explain, check and preview take the short form and the folder name', () => {
    const explain = stackdoc(['explain', 'package_manager.name', SKELETON, '--stack', 'node']);
    expect(explain.stderr).toBe('');
    expect(explain.stdout).toContain('(stack node-npm: base → node → npm → gitlab)');
    const check = stackdoc(['check', SKELETON, '--stack', 'python-flask-pip-pytest-webpack', '--format', 'json']);
    expect(check.stderr).not.toMatch(/stackdoc:/);
    expect([0, 1]).toContain(check.code);
    const out = mkdtempSync(join(tmpdir(), 'stackdoc-preview-'));
    const preview = stackdoc(['preview', SKELETON, '--stack', 'node', '--out', out]);
    expect(preview.stderr).toBe('');
    expect(preview.stdout).toContain('/node-npm/index.html');
    rmSync(out, { recursive: true, force: true });
  });

  it('test-examples resolves every form to the folder under out/', () => {
    const out = mkdtempSync(join(tmpdir(), 'stackdoc-forms-'));
    mkdirSync(join(out, 'node-npm/examples/010-hello-world'), { recursive: true });
    mkdirSync(join(out, 'python-flask-pip-pytest-webpack/examples/010-hello-world'), { recursive: true });
    // a chapter that no tree has: the stack resolved, and nothing runs
    for (const form of ['node', 'node/npm', 'node-npm', 'python/flask', 'python/flask/pip/pytest/webpack', 'python-flask-pip-pytest-webpack']) {
      const r = stackdoc(['test-examples', '--out', out, '--stack', form, '--chapter', '999-none']);
      expect(r.stderr, form).toContain(`no example trees to test in ${out}/ for chapter 999-none`);
    }
    rmSync(out, { recursive: true, force: true });
  });
});

describe('layer defaults', () => {
  const basic = join(import.meta.dirname, '../fixtures/build/basic');
  const fixtures = join(import.meta.dirname, '../fixtures/stack-forms');

  it('a dimension with no default names itself and the layers that could fill it', () => {
    const dir = copyFixture(basic, join(fixtures, 'missing-dimension/overlay'));
    const byFlag = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out', '--stack', 'lang/fw'], dir);
    expect(byFlag.stderr).toContain('stackdoc: --stack lang/fw: the stack (lang → lang/fw → gitlab) has no package_manager layer, and no default for it (profiles/base/layer.yaml:4:3 declares package_manager: ~); name one in --stack: layers of kind package_manager are pm-a, pm-b');
    expect(byFlag.code).toBe(2);
    const byFrontMatter = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir);
    expect(byFrontMatter.stderr).toContain('stackdoc: skeleton.md:1:1: the stack (lang → lang/fw → gitlab) has no package_manager layer');
    expect(byFrontMatter.stderr).toContain('name one as package_managers_chosen in the front-matter: layers of kind package_manager are pm-a, pm-b');
    expect(byFrontMatter.code).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a template variable of a dimension the stack lacks names the dimension and its layers', () => {
    const dir = copyFixture(basic, join(fixtures, 'dimension-variable/overlay'));
    const r = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir);
    expect(r.stderr).toContain('stackdoc: profiles/lang/fw/sections/hello.process.md:1:23: template error: undefined variable: package_manager; the stack has no package_manager layer, which would set package_manager: name one in --stack or the front-matter (pm-a)');
    expect(r.code).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a layer's default fills the open dimension", () => {
    const dir = copyFixture(basic, join(fixtures, 'default-fills/overlay'));
    const r = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out', '--dry-run'], dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('would build out/lang-fw-pm-b/article.md');
    expect(r.stdout).toContain('layers: base → lang → lang/fw → pm-b → gitlab');
    rmSync(dir, { recursive: true, force: true });
  });
});
