import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSkeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { UserError } from '../../src/util/errors.js';
import { params, TIMEOUT, skeletonText } from './skeleton-arbitraries.js';

/** Scans like the CLI: a UserError is an answer (exit 2 with a place), anything else is a bug. */
function scan(text: string, legacy: boolean) {
  try {
    return parseSkeleton(decodeSource('fuzz.md', Buffer.from(text)), { force: { on: legacy, why: 'fuzz' } });
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

describe('scan on generated input', () => {
  it('never throws anything but a placed UserError, on generated skeletons', () => {
    fc.assert(
      fc.property(skeletonText, fc.boolean(), (text, legacy) => {
        const skeleton = scan(text, legacy);
        if (skeleton === undefined) return;
        // Holes are in order, inside the text, and do not overlap.
        let at = 0;
        for (const hole of skeleton.holes) {
          expect(hole.start).toBeGreaterThanOrEqual(hole.syntax === 'bare' ? 0 : at);
          expect(hole.end).toBeLessThanOrEqual(text.length);
          if (hole.syntax !== 'bare') at = hole.end;
        }
      }),
      params(10_000),
    );
  }, TIMEOUT);

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        scan(text, true);
      }),
      params(2_000),
    );
  }, TIMEOUT);
});
