import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

// A hole id names a key of the values, never a member every JavaScript object has.
const basic = join(import.meta.dirname, '../fixtures/build/basic');
const fixture = join(import.meta.dirname, '../fixtures/own-keys');
const IDS = ['constructor', '__proto__', 'app.constructor', 'language.name.length'];

describe('hole ids are looked up among the values’ own keys', () => {
  it('leaves <<constructor>>, <<__proto__>> and the like unfilled', () => {
    const dir = copyFixture(basic, join(fixture, 'overlay'));
    const { code, stderr } = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const article = readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8');
    expect(article).not.toMatch(/native code|\[object Object\]/);
    expect(article).toContain('Object members are no values: <<constructor>>, <<__proto__>>, <<app.constructor>>, <<language.name.length>>.');
    const report = JSON.parse(readFileSync(join(dir, 'out/lang-fw/report.json'), 'utf8')) as { unfilled: Array<{ id: string; reason: string }> };
    for (const id of IDS) expect(report.unfilled.find((u) => u.id === id)?.reason).toBe(`no value ${id} in any layer's values.yaml`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes << constructor >> in a template an undefined variable (strict), not Object', () => {
    const dir = copyFixture(basic, join(fixture, 'liquid'));
    const { code, stderr } = stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir);
    expect(stderr).toContain('profiles/lang/fw/sections/hello.process.md:1:6: template error: undefined variable: constructor');
    expect(code).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});
