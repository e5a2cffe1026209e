import type { BuildResult } from '../../src/build.js';
import { locateFrontMatter } from '../../src/skeleton/frontmatter.js';
import type { Skeleton } from '../../src/skeleton/parse.js';
import { textOutsideHoles } from '../../src/skeleton/outside.js';
import type { Hole } from '../../src/skeleton/types.js';

/**
 * The skeleton's text outside its holes, in order. Comparing it between a skeleton and the
 * article built from it proves that a build changed nothing but the holes.
 */
export function outsideHoles(text: string, holes: readonly Pick<Hole, 'start' | 'end' | 'syntax'>[]): string[] {
  return textOutsideHoles(text, holes).map(([, piece]) => piece);
}

/** Checks that `article` is `parts` in order with anything in between: the filled holes. */
export function containsInOrder(article: string, parts: readonly string[]): string | undefined {
  let at = 0;
  for (const [i, part] of parts.entries()) {
    // The first part starts the article and the last one ends it (an empty last part too).
    const last = i > 0 && i === parts.length - 1;
    const found = i === 0 ? (article.startsWith(part) ? 0 : -1) : last ? (article.endsWith(part) && article.length - part.length >= at ? article.length - part.length : -1) : article.indexOf(part, at);
    if (found === -1) return `part ${i} not found after offset ${at}: ${JSON.stringify(part.slice(0, 80))}`;
    at = found + part.length;
  }
  return at === article.length ? undefined : `article has ${article.length - at} extra bytes at the end`;
}

/**
 * What a build must keep byte for byte: the skeleton's body (after its front-matter, which the
 * build rewrites to name the stack) outside its holes and its authoring blocks, which the article
 * leaves out. Returns the pieces and the article's body to compare them with.
 */
export function keptByBuild(skeleton: Skeleton, result: Pick<BuildResult, 'article' | 'authoring'>): { parts: string[]; body: string } {
  const { text } = skeleton.source;
  const from = locateFrontMatter(text)?.blockEnd ?? 0;
  const cuts = result.authoring.map((b) => ({ start: b.start, end: b.end, syntax: 'canonical' as const }));
  const holes = skeleton.holes.filter((h) => !result.authoring.some((b) => b.start <= h.start && h.start < b.end));
  const parts = textOutsideHoles(text, [...holes, ...cuts].sort((a, b) => a.start - b.start), from).map(([, piece]) => piece);
  const article = result.article.replace(/^\uFEFF/, '');
  return { parts, body: article.slice(locateFrontMatter(article)?.blockEnd ?? 0) };
}
