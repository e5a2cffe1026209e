import { escapeText, isCanonicalId } from './canonical.js';
import type { Skeleton } from './parse.js';

/**
 * Rewrites every legacy `{{…}}` hole as canonical: `<<id>>` for a slot (its name is its id),
 * `<<id: text>>` for everything else. Only the holes' own bytes change; canonical holes, bare
 * TODOs and template actions are left as written.
 *
 * Lossless by construction: every id written is one the canonical syntax reads back (ids.ts
 * makes them so; checked here), the text is escaped so that `>`, `>>` and `<<` in it survive
 * (canonical.ts), and the text keeps its own spacing and line breaks, so a `}}` on its own line
 * (after a closing code fence) becomes a `>>` on its own line and the Markdown parses the same.
 */
export function migrate(skeleton: Skeleton): string {
  const { text } = skeleton.source;
  const out: string[] = [];
  let at = 0;
  for (const hole of skeleton.holes) {
    if (hole.syntax !== 'legacy') continue;
    if (!isCanonicalId(hole.id)) throw new Error(`derived id ${hole.id} is not a canonical id`);
    out.push(text.slice(at, hole.start));
    // A `}}` that starts a line (or follows a quote's `>`) would become `>>`, a block quote,
    // and change how the Markdown around it reads. A no-break space before it keeps it text, as
    // `}}` was: Markdown does not count it as indentation, and a hole's text is trimmed of it.
    let inner = text.slice(hole.start + 2, hole.end - 2);
    if (/\n[ \t>]*$/.test(inner)) inner += '\u00A0';
    // A slot in a heading, or one that runs over a line break (it may start in a heading), keeps
    // its text: a heading's words make the ids of the holes under it.
    const bare = hole.kind === 'slot' && hole.context.node !== 'heading' && hole.endLine === hole.line;
    out.push(bare ? `<<${hole.id}>>` : `<<${hole.id}:${/^\s/.test(inner) ? '' : ' '}${escapeText(inner)}>>`);
    at = hole.end;
  }
  out.push(text.slice(at));
  return out.join('');
}
