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
export function splice(source: string, replacements: readonly Replacement[]): string {
  let out = '';
  let at = 0;
  for (const { hole, text } of replacements) {
    if (hole.syntax === 'bare') continue; // a bare TODO is prose; it stays where it is
    out += source.slice(at, hole.start);
    out += text ?? canonical(source, hole);
    at = hole.end;
  }
  return out + source.slice(at);
}

function canonical(source: string, hole: Hole): string {
  if (hole.syntax === 'canonical') return source.slice(hole.start, hole.end);
  return hole.kind === 'slot' ? `<<${hole.id}>>` : `<<${hole.id}: ${source.slice(hole.start + 2, hole.end - 2).replace(/^\s+/, '')}>>`;
}

/** States the resolved layers in the front-matter: one line added before its closing `---`. */
export function stampFrontMatter(article: string, frontMatterEnd: number | undefined, layers: readonly string[]): string {
  if (frontMatterEnd === undefined) return article;
  const eol = article.includes('\r\n') ? '\r\n' : '\n';
  const line = `stackdoc_layers: [${layers.map((l) => JSON.stringify(l)).join(', ')}]${eol}`;
  return article.slice(0, frontMatterEnd) + line + article.slice(frontMatterEnd);
}
