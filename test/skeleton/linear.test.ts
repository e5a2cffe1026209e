import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../../bench/hostile.js';
import { parseSkeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { findSpans, spanWork } from '../../src/skeleton/spans.js';

// The inputs that once cost quadratic time (bench/hostile.js; `npm run bench` times them at
// 1 MB). Here growth is checked, not speed: doubling the input must about double the work.
const ON = { force: { on: true, why: 'test' } };
const KB = 1024;

function steps(text: string): number {
  spanWork.steps = 0;
  findSpans(text, { legacy: true });
  return spanWork.steps;
}

/** Best of three, in ms: the least disturbed run on a shared machine. */
function best(fn: () => void): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

describe('hole finding grows linearly', () => {
  for (const [name, make] of Object.entries(HOSTILE)) {
    it(`${name}: twice the input, at most about twice the steps`, () => {
      const small = steps(make(64 * KB));
      const large = steps(make(128 * KB));
      expect(large / Math.max(small, 1)).toBeLessThanOrEqual(2.2);
    });
  }

  it('counts the steps of a rescan: a quadratic matcher would fail the check above', () => {
    // 2,000 unclosed openers: linear work is a few thousand steps, not 2,000 × the file.
    expect(steps('{{ '.repeat(2000))).toBeLessThan(10_000);
  });
});

describe('placing holes grows linearly', () => {
  // Generous, for a shared machine: a quadratic step shows as ×4 per doubling; Markdown parsing
  // itself is linear.
  for (const [name, make] of Object.entries(HOSTILE)) {
    it(`${name}: twice the input, well under four times the time`, () => {
      const small = make(24 * KB);
      const large = make(48 * KB);
      parseSkeleton(decodeSource('warm.md', Buffer.from(small)), ON);
      const a = best(() => parseSkeleton(decodeSource('a.md', Buffer.from(small)), ON));
      const b = best(() => parseSkeleton(decodeSource('b.md', Buffer.from(large)), ON));
      expect(b / a).toBeLessThan(3.5);
    });
  }
});
