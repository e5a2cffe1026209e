import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture } from './fixture.js';

const basic = join(import.meta.dirname, '../fixtures/build/basic');

/**
 * The basic build fixture with `count` framework variants of lang/fw (as bench/run.js makes
 * variants of python/flask), each with its own name and port so every stack's output differs,
 * and a stackdoc.yaml building them all: a project with many stacks, small enough for a test.
 */
export function manyStacks(count: number): string {
  const dir = copyFixture(basic);
  const builds: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `fw${String(i).padStart(2, '0')}`;
    const layer = join(dir, 'profiles/lang', name);
    cpSync(join(dir, 'profiles/lang/fw'), layer, { recursive: true });
    writeFileSync(join(layer, 'values.yaml'), `framework:\n  name: Fw${i}\napp:\n  port: ${8000 + i}\n`);
    builds.push(`  - skeleton: skeleton.md\n    stack: lang/${name}`);
  }
  writeFileSync(join(dir, 'stackdoc.yaml'), `builds:\n${builds.join('\n')}\n`);
  return dir;
}
