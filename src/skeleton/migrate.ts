import type { Skeleton } from './parse.js';

/**
 * Rewrites every legacy `{{…}}` hole as canonical: `<<id>>` for a slot (its name is its id),
 * `<<id: text>>` for everything else. Only the holes' own bytes change; canonical holes, bare
 * TODOs and Go/Helm actions are left as written.
 */
export function migrate(skeleton: Skeleton): string {
  const { text } = skeleton.source;
  let out = '';
  let at = 0;
  for (const hole of skeleton.holes) {
    if (hole.syntax !== 'legacy') continue;
    out += text.slice(at, hole.start);
    // The inner text keeps its own line breaks, so a `}}` on its own line (after a closing code
    // fence) becomes a `>>` on its own line and the Markdown around it parses the same.
    const inner = text.slice(hole.start + 2, hole.end - 2).replace(/^\s+/, '');
    out += hole.kind === 'slot' ? `<<${hole.id}>>` : `<<${hole.id}: ${inner}>>`;
    at = hole.end;
  }
  return out + text.slice(at);
}
