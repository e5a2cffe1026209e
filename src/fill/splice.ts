import { lineEnding } from '../skeleton/source.js';
import type { Hole } from '../skeleton/types.js';

export interface Replacement {
  hole: Hole;
  /** The text that stands in the article where the hole was; undefined keeps the hole visible. */
  text: string | undefined;
}

/**
 * Builds the article by splicing the skeleton's source at the holes' offsets. Every byte outside
 * a hole is copied as it is; the document is never re-serialized (remark-stringify would
 * rewrite `-` to `*` and escape `<<`). An unfilled hole stays in canonical form.
 */
export function splice(source: string, replacements: readonly Replacement[], cuts: readonly Cut[] = []): string {
  const edits: Array<{ start: number; end: number; text: string }> = cuts.map(({ start, end }) => ({ start, end, text: '' }));
  for (const { hole, text } of replacements) {
    if (hole.syntax === 'bare') continue; // a bare TODO is prose; it stays where it is
    if (cuts.some((c) => c.start <= hole.start && hole.start < c.end)) continue; // it goes with its cut
    edits.push({ start: hole.start, end: hole.end, text: text ?? canonical(source, hole) });
  }
  if (cuts.length > 0) edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const { start, end, text } of edits) {
    out += source.slice(at, start) + text;
    at = end;
  }
  return out + source.slice(at);
}

/** A source range left out of the article as a whole (an authoring block, see authoring.ts). */
export interface Cut {
  start: number;
  end: number;
}

function canonical(source: string, hole: Hole): string {
  if (hole.syntax === 'canonical') return source.slice(hole.start, hole.end);
  return hole.kind === 'slot' ? `<<${hole.id}>>` : `<<${hole.id}: ${source.slice(hole.start + 2, hole.end - 2).replace(/^\s+/, '')}>>`;
}

/** States the resolved layers in the front-matter: one line added before its closing `---`. */
export function stampFrontMatter(article: string, frontMatterEnd: number | undefined, layers: readonly string[]): string {
  if (frontMatterEnd === undefined) return article;
  const eol = lineEnding(article);
  const line = `stackdoc_layers: [${layers.map((l) => JSON.stringify(l)).join(', ')}]${eol}`;
  return article.slice(0, frontMatterEnd) + line + article.slice(frontMatterEnd);
}
