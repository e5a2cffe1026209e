import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/skeleton/migrate.js';
import { parseSkeleton, type Skeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { expectGoldenText } from '../helpers/golden.js';
import { outsideHoles } from '../helpers/outside.js';

// Each folder under test/fixtures/migrate is an input that once lost or changed a hole in
// `migrate` then `scan` (most were found by `npm run fuzz`): input.md, and expected.md, what
// migrate writes (reviewed). The round trip must give the same holes, ids and kinds.
const root = join(import.meta.dirname, '../fixtures/migrate');
const ON = { force: { on: true, why: 'test' } };
const scan = (name: string, text: string) => parseSkeleton(decodeSource(name, Buffer.from(text)), ON);
const summary = (s: Skeleton) => s.holes.map((h) => `${h.id} ${h.kind} ${h.syntax === 'legacy' ? 'canonical' : h.syntax} ${h.context.node}`);

describe('migrate fixtures', () => {
  for (const name of readdirSync(root).filter((f) => !f.includes('.')).sort()) {
    it(name, () => {
      const dir = join(root, name);
      const input = readFileSync(join(dir, 'input.md'), 'utf8');
      const before = scan('input.md', input);
      const migrated = migrate(before);
      expectGoldenText(join(dir, 'expected.md'), migrated);
      const after = scan('expected.md', migrated);
      expect(summary(after)).toEqual(summary(before));
      // Each hole keeps its text (a slot written as `<<id>>` has none left: its id stands for it).
      after.holes.forEach((h, i) => h.text === '' || expect(h.text).toBe(before.holes[i]!.text));
      expect(after.holes.filter((h) => h.syntax === 'legacy')).toEqual([]);
      expect(outsideHoles(migrated, after.holes)).toEqual(outsideHoles(input, before.holes));
      expect(migrate(after)).toBe(migrated);
    });
  }
});
