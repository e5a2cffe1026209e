import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/skeleton/migrate.js';
import { parseSkeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { expectGolden } from '../helpers/golden.js';
import { outsideHoles } from '../helpers/outside.js';
import { describeHole } from '../helpers/scan.js';

// The skeleton as it was handed to us, byte for byte; its findings are reviewed by hand in
// expected-scan.json.
const dir = join(import.meta.dirname, '../fixtures/given');
const bytes = readFileSync(join(dir, 'werf-guide.ru.md'));
const skeleton = parseSkeleton(decodeSource('werf-guide.ru.md', bytes));

describe('the given skeleton', () => {
  it('has the reviewed findings', () => {
    expectGolden(join(dir, 'expected-scan.json'), skeleton.holes.map(describeHole));
  });

  it('has 79 findings: 78 holes and the bare TODO at line 79', () => {
    expect(skeleton.holes).toHaveLength(79);
    expect(skeleton.holes.filter((h) => h.kind === 'todo').map((h) => h.line)).toEqual([79]);
    expect(skeleton.warnings).toEqual([]);
  });

  it('does not take the Helm actions at 356 and 370 for holes', () => {
    expect(skeleton.holes.some((h) => h.line === 356 || h.line === 370)).toBe(false);
  });

  it('finds one hole at 354 that ends at line 363, Helm example inside', () => {
    const hole = skeleton.holes.find((h) => h.line === 354);
    expect(hole).toMatchObject({ endLine: 363, kind: 'brief' });
    expect(hole?.text).toContain('{{ .Values.rails.master_key}}');
  });

  it('shares one id between both {{lockfiles}}', () => {
    const ids = skeleton.holes.filter((h) => h.text === 'lockfiles').map((h) => h.id);
    expect(ids).toEqual(['deps.lockfiles', 'deps.lockfiles']);
  });

  it('ties the "если есть компиляция" holes to is_compiled', () => {
    const conditional = skeleton.holes.filter((h) => h.kind === 'conditional');
    expect(conditional.map((h) => [h.line, h.condition])).toEqual([[173, 'is_compiled'], [266, 'is_compiled']]);
  });

  it('keeps ids when text elsewhere in the file changes', () => {
    const text = bytes.toString('utf8').replace('# Введение', '# Введение\n\nНовый абзац с {{новой дырой}}.\n');
    const edited = parseSkeleton(decodeSource('werf-guide.ru.md', Buffer.from(text)));
    const before = skeleton.holes.map((h) => h.id);
    const after = edited.holes.map((h) => h.id).filter((id) => id !== 'vvedenie.novoy-dyroy');
    expect(after).toEqual(before);
  });

  it('migrates to canonical holes with the same ids and kinds, other bytes untouched', () => {
    const migrated = migrate(skeleton);
    const again = parseSkeleton(decodeSource('migrated.md', Buffer.from(migrated)));
    expect(again.holes.map((h) => [h.id, h.kind])).toEqual(skeleton.holes.map((h) => [h.id, h.kind]));
    expect(again.holes.filter((h) => h.syntax === 'legacy')).toEqual([]);
    // Outside the holes, the two files are the same text in the same order.
    expect(outsideHoles(migrated, again.holes)).toEqual(outsideHoles(skeleton.source.text, skeleton.holes));
    expect(migrated).toContain('{{ tuple "rails" . | include "werf_container_env" | indent 8 }}');
  });
});
