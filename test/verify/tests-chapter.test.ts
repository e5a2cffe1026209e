import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyChapter, type CheckName } from '../../src/verify/index.js';
import { applyPatch, FIXTURES, processesIn, show, type PatchStep } from './helpers.js';

/**
 * The shipped tests chapter, as the build emits it: its tests and its linter pass (ESLint from
 * the tree's own devDependencies, flake8 from Debian), and each planted defect of
 * fixtures/verify/lint-defects fails the check it names.
 */
const OUT = join(import.meta.dirname, '../../out');
const DEFECTS = join(FIXTURES, 'lint-defects');
const STACKS = ['python-flask-pip-pytest-webpack', 'node-npm'];

interface Expectation {
  defect: string;
  stack: string;
  check: CheckName;
  messageIncludes: string;
  run: CheckName[];
}

const copies: string[] = [];
function treeCopy(stack: string): string {
  const root = mkdtempSync(join(tmpdir(), 'stackdoc-tests-chapter-'));
  copies.push(root);
  const dir = join(root, '080-tests');
  cpSync(join(OUT, stack, 'examples/080-tests'), dir, { recursive: true });
  return dir;
}
afterAll(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true });
});

describe.each(STACKS)('080-tests of %s', (stack) => {
  test('its tests and its linter pass', async () => {
    const dir = treeCopy(stack);
    const results = await verifyChapter(dir, { only: ['app-tests', 'app-lint'] });
    expect(results.map((r) => `${r.check} ${r.status}`).sort(), results.map(show).join('\n')).toEqual(['app-lint pass', 'app-tests pass']);
    expect(processesIn(dir)).toEqual([]);
  }, 300_000);
});

describe.each(readdirSync(DEFECTS).filter((name) => !name.includes('.')).sort())('planted defect %s', (name) => {
  test('fails its check, for that reason', async () => {
    const expected = JSON.parse(readFileSync(join(DEFECTS, name, 'expect.json'), 'utf8')) as Expectation;
    const dir = treeCopy(expected.stack);
    applyPatch(dir, JSON.parse(readFileSync(join(DEFECTS, name, 'patch.json'), 'utf8')) as PatchStep[]);
    const results = await verifyChapter(dir, { only: expected.run });
    const failures = results.filter((r) => r.status === 'fail');
    expect(failures.map((r) => r.check), results.map(show).join('\n')).toEqual([expected.check]);
    expect(failures[0]!.message, show(failures[0]!)).toContain(expected.messageIncludes);
  }, 300_000);
});
