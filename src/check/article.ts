import { authoringBlockAt } from '../fill/authoring.js';
import type { Hole } from '../skeleton/types.js';
import { textOutsideHoles } from '../skeleton/outside.js';
import { LineIndex } from '../util/lines.js';
import type { RuleContext } from './types.js';

/**
 * One piece of the built article as the reader sees it: either the skeleton's own text between
 * holes (positions are the skeleton's) or the text a hole was filled with (every position inside
 * it is the hole's: the skeleton is what authors edit, so that is where a finding points).
 */
export interface ArticlePiece {
  text: string;
  /** The hole this text fills, or undefined for the skeleton's own text. */
  hole?: Hole;
  /** Skeleton position of an offset in `text`. */
  at(offset: number): { line: number; column: number };
}

/**
 * The built article in pieces, without the front-matter and without authoring blocks: what rules
 * that judge the reader's text read. Rules search the pieces rather than the article file so that
 * each finding points at the skeleton's line, or at the hole whose fill is wrong.
 */
export function articlePieces(ctx: Pick<RuleContext, 'skeleton' | 'build' | 'authoring'>): ArticlePiece[] {
  const { skeleton, build, authoring } = ctx;
  const { text } = skeleton.source;
  const lines = new LineIndex(text);
  const pieces: ArticlePiece[] = [];
  const from = skeleton.frontMatter?.end ?? 0;
  for (const [offset, chunk] of textOutsideHoles(text, skeleton.holes, from)) {
    // Cut the authoring blocks out of the skeleton's own text.
    let at = offset;
    const end = offset + chunk.length;
    for (const block of authoring) {
      if (block.end <= at || block.start >= end) continue;
      if (block.start > at) pieces.push(ownText(text.slice(at, block.start), at, lines));
      at = Math.max(at, block.end);
    }
    if (at < end) pieces.push(ownText(text.slice(at, end), at, lines));
  }
  if (build !== undefined) {
    for (const [hole, r] of build.resolutions) {
      if (!('text' in r) || r.text === '' || authoringBlockAt(authoring, hole.start) !== undefined) continue;
      if (hole.start < from) continue; // the front-matter is the site's, not the reader's
      pieces.push({ text: r.text, hole, at: () => ({ line: hole.line, column: hole.column }) });
    }
  }
  return pieces;
}

function ownText(text: string, offset: number, lines: LineIndex): ArticlePiece {
  return { text, at: (i) => lines.position(offset + i) };
}

/** Absolute http(s) URLs in a text: Markdown links, HTML attributes, bare URLs. */
export function urlsIn(text: string): Array<{ url: string; index: number }> {
  const found: Array<{ url: string; index: number }> = [];
  for (const match of text.matchAll(/https?:\/\/[^\s<>"'`)\]]+/g)) {
    found.push({ url: match[0].replace(/[.,;:!?]+$/, ''), index: match.index });
  }
  return found;
}
