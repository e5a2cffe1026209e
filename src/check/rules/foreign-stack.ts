import { chapterAt, collectHeadings } from '../../skeleton/markdown.js';
import { textOutsideHoles } from '../../skeleton/outside.js';
import { LineIndex } from '../../util/lines.js';
import type { Finding, Rule } from '../types.js';
import { forAuthors } from './util.js';

/**
 * `foreign-stack`: words of other stacks (the layers' deny.yaml lists: `rails`, `RAILS_`,
 * `jopa`, `node /app/src/js` in a Flask article) anywhere in the built article: in the filled
 * holes (reported at the hole, keyed by its id) and in the skeleton's own text (at its line).
 * A layer's `allow:` names the holes (by id prefix) that may use some of its words.
 */
export const foreignStack: Rule = {
  id: 'foreign-stack',
  doc: 'No word of another stack (per-layer deny lists) appears in the article.',
  severity: 'error',
  run(ctx) {
    const { skeleton, build } = ctx;
    if (build === undefined || build.profile.deny.length === 0) return [];
    const findings: Finding[] = [];
    const file = skeleton.source.path;
    const slug = build.profile.stack.slug;
    const patterns = build.profile.deny.map((word) => ({ word, re: wordPattern(word) }));
    // deny.yaml `allow:` lets the holes of a chapter that brings in another language on purpose name it
    const allowed = (id: string, word: string) => (build.profile.denyAllowed ?? []).some((a) => id.startsWith(a.holes) && a.words.includes(word));
    for (const [hole, r] of build.resolutions) {
      if (!('text' in r)) continue;
      for (const { word, re } of patterns) {
        if (!re.test(r.text) || allowed(hole.id, word)) continue;
        findings.push({
          rule: this.id, severity: this.severity, file, line: hole.line, column: hole.column, key: `${word} in ${hole.id}`,
          message: `"${word}" (another stack's word) in the text that fills ${hole.id} for ${slug}; fix the layer's section or value`,
        });
      }
    }
    const { text } = skeleton.source;
    const lines = new LineIndex(text);
    // The front-matter names the skeleton's own stack (language: python); a build for another
    // stack states its layers there, and readers never see it.
    const outside = textOutsideHoles(text, skeleton.holes, skeleton.frontMatter?.end ?? 0);
    const headings = collectHeadings(skeleton.tree, text);
    for (const [offset, chunk] of outside) {
      for (const { word, re } of patterns) {
        for (const match of chunk.matchAll(new RegExp(re.source, 'giu'))) {
          if (forAuthors(ctx, offset + match.index)) continue;
          const pos = lines.position(offset + match.index);
          const chapter = chapterAt(headings, offset + match.index).join(' › ');
          findings.push({
            rule: this.id, severity: this.severity, file, ...pos, key: `${word} in ${chapter}`,
            message: `"${match[0]}" (another stack's word) in the skeleton's own text, shown in every stack; make it a hole or reword it`,
          });
        }
      }
    }
    return findings;
  },
};

/** Case-insensitive; a word that starts or ends with a letter must not be part of a longer word. */
function wordPattern(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^[\p{L}\p{N}]/u.test(word) ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = /[\p{L}\p{N}]$/u.test(word) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}${escaped}${after}`, 'iu');
}
