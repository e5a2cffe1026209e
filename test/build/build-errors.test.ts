import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

// Each folder under test/fixtures/build-errors is the basic build fixture with one file
// replaced (overlay/) and the message the writer must see (expected-error.txt).
const basic = join(import.meta.dirname, '../fixtures/build/basic');
const root = join(import.meta.dirname, '../fixtures/build-errors');

describe('build reports bad profiles and skeletons clearly', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const dir = copyFixture(basic, join(root, name, 'overlay'));
      const expected = readFileSync(join(root, name, 'expected-error.txt'), 'utf8').trim();
      const { code, stderr } = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir);
      expect(stderr).toContain(expected);
      expect(code).toBe(2);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(readdirSync(dir)).not.toContain('out'); // nothing written
    });
  }
});
