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
    const found = i === 0 ? (article.startsWith(part) ? 0 : -1) : article.indexOf(part, at);
    if (found === -1) return `part ${i} not found after offset ${at}: ${JSON.stringify(part.slice(0, 80))}`;
    at = found + part.length;
  }
  return at === article.length ? undefined : `article has ${article.length - at} extra bytes at the end`;
}
