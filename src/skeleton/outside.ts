import type { Hole } from './types.js';

/**
 * The skeleton's own text between its holes, as [offset, text] pieces in source order, from
 * `from` on. A bare TODO is prose, so it stays inside the pieces. This is the text every stack's
 * article shares byte for byte.
 */
export function textOutsideHoles(
  text: string,
  holes: readonly Pick<Hole, 'start' | 'end' | 'syntax'>[],
  from = 0,
): Array<[offset: number, text: string]> {
  const pieces: Array<[number, string]> = [];
  let at = from;
  for (const hole of holes) {
    if (hole.syntax === 'bare' || hole.start < at) continue;
    pieces.push([at, text.slice(at, hole.start)]);
    at = hole.end;
  }
  pieces.push([at, text.slice(at)]);
  return pieces;
}
