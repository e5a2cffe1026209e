import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';

const basic = join(import.meta.dirname, '../fixtures/build/basic');
const args = ['skeleton.md', '--profiles', 'profiles'];

describe('stackdoc explain', () => {
  it('names the layer and file of a value, its line, and what it overrode', () => {
    const { code, stdout } = stackdoc(['explain', 'app.port', ...args], basic);
    expect(code).toBe(0);
    expect(stdout).toContain('app.port  (stack lang-fw: base → lang → lang/fw → gitlab)');
    expect(stdout).toContain('filled by value from layer lang/fw: profiles/lang/fw/values.yaml:4:3');
    expect(stdout).toContain('overrides: base (profiles/base/values.yaml:6:3)');
    expect(stdout).toMatch(/text:\n {4}8080/);
  });

  it('shows a section and the section it replaced', () => {
    const { stdout } = stackdoc(['explain', 'hello.process', ...args], basic);
    expect(stdout).toContain('filled by section from layer lang/fw: profiles/lang/fw/sections/hello.process.md');
    expect(stdout).toContain('overrides: base (profiles/base/sections/hello.process.md)');
    expect(stdout).toContain('В Fw работает один процесс на порту 8080.');
  });

  it('says why a hole stays unfilled (exit 1) and why a conditional one was removed', () => {
    const unfilled = stackdoc(['explain', 'nobody.knows', ...args], basic);
    expect(unfilled.code).toBe(1);
    expect(unfilled.stdout).toContain('not filled: no section nobody.knows.md in any layer');
    const removed = stackdoc(['explain', 'hello.esli-est-kompilyatsiya-opisyvaem-kak', ...args], basic);
    expect(removed.stdout).toContain('removed: conditional hole, is_compiled: 0 in the front-matter');
  });

  it('explains a value no hole uses, and rejects an unknown id with a hint (exit 2)', () => {
    expect(stackdoc(['explain', 'image.from', ...args], basic).stdout).toContain('no hole in skeleton.md uses it');
    const unknown = stackdoc(['explain', 'no.such.id', ...args], basic);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no hole, value or section "no.such.id"');
  });
});
