import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/skeleton/migrate.js';
import { parseSkeleton, type Skeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { UserError } from '../../src/util/errors.js';
import { outsideHoles } from '../helpers/outside.js';
import { params, TIMEOUT, skeletonText } from './skeleton-arbitraries.js';

const ON = { force: { on: true, why: 'fuzz' } };

function scan(text: string): Skeleton | undefined {
  try {
    return parseSkeleton(decodeSource('fuzz.md', Buffer.from(text)), ON);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

const summary = (s: Skeleton) => s.holes.map((h) => `${h.id} ${h.kind} ${h.syntax === 'legacy' ? 'canonical' : h.syntax}`);

describe('migrate on generated skeletons', () => {
  it('gives the same holes, ids and kinds when scanned again, and no legacy hole is left', () => {
    fc.assert(
      fc.property(skeletonText, (text) => {
        const before = scan(text);
        if (before === undefined) return;
        const migrated = migrate(before);
        const after = scan(migrated);
        expect(after).toBeDefined();
        expect(summary(after!)).toEqual(summary(before));
        expect(after!.holes.filter((h) => h.syntax === 'legacy')).toEqual([]);
        // Every byte outside the holes is kept, in order.
        expect(outsideHoles(migrated, after!.holes)).toEqual(outsideHoles(text, before.holes));
        // Migrating again changes nothing.
        expect(migrate(after!)).toBe(migrated);
      }),
      params(3_000),
    );
  }, TIMEOUT);
});
