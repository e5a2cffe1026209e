import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

const basic = join(import.meta.dirname, '../fixtures/build/basic');

describe('stackdoc test-examples', () => {
  it('reports each failing check of a tree that is not a real app, writes no stamp, exits 1', () => {
    const dir = copyFixture(basic);
    expect(stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir).code).toBe(0);
    const { code, stdout } = stackdoc(['test-examples', '--out', 'out'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('[1/1] out/lang-fw/examples/010-hello');
    expect(stdout).toMatch(/ {2}FAIL {2}/);
    expect(stdout).toContain('1 example tree: 0 passed, 1 failed');
    expect(existsSync(join(dir, 'out/lang-fw/examples/010-hello/test-stamp.json'))).toBe(false);
  });

  it('exits 2 with a clear message when there is nothing to test', () => {
    const dir = copyFixture(basic);
    const none = stackdoc(['test-examples', '--out', 'out'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no output folder out/; run `stackdoc build` first');
    const wrong = stackdoc(['test-examples', '--stack', 'nope']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('no stack nope in out/ (built: node-npm, python-flask-pip-pytest-webpack)');
  });
});
