import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/skeleton/migrate.js';
import { parseSkeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { stackdoc } from '../helpers/cli.js';

// Every example of the CommonMark spec (npm commonmark-spec); the spec writes a tab as `→`.
const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: Array<{ markdown: string; number: number }> };
const examples = spec.tests.map((t) => ({ n: t.number, text: t.markdown.replace(/→/g, '\t') }));

describe('the CommonMark spec examples', () => {
  it('are all there', () => {
    expect(examples).toHaveLength(652);
  });

  it('scan without an error and migrate without changing a byte', () => {
    const changed: number[] = [];
    for (const { n, text } of examples) {
      const skeleton = parseSkeleton(decodeSource(`example-${n}.md`, Buffer.from(text)), { auto: true });
      if (migrate(skeleton) !== text) changed.push(n);
    }
    expect(changed).toEqual([]);
  });

  it('scan with exit 0 through the CLI, all 652 files in one run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackdoc-commonmark-'));
    const files = examples.map(({ n, text }) => {
      const file = join(dir, `example-${String(n).padStart(3, '0')}.md`);
      writeFileSync(file, text);
      return file;
    });
    const { code, stdout, stderr } = stackdoc(['scan', ...files]);
    expect(stderr).not.toMatch(/stackdoc: |\n\s+at /);
    expect(code).toBe(0);
    expect(stdout).toContain('in 652 files');
  });
});
