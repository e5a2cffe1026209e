import type { Heading as MdHeading } from 'mdast';
import type { Finding, Rule } from '../types.js';
import { forAuthors } from './util.js';

/** `duplicate-heading`: the same heading text twice at the same level (a copy-and-edit leftover). */
export const duplicateHeading: Rule = {
  id: 'duplicate-heading',
  doc: 'No two headings of the same level have the same text.',
  severity: 'error',
  run(ctx) {
    const { skeleton } = ctx;
    const seen = new Map<string, number>();
    const findings: Finding[] = [];
    const { text, path } = skeleton.source;
    for (const node of skeleton.tree.children) {
      if (node.type !== 'heading' || forAuthors(ctx, node.position?.start.offset)) continue;
      const heading = node as MdHeading;
      const from = heading.children[0]?.position?.start.offset ?? 0;
      const to = heading.children.at(-1)?.position?.end.offset ?? from;
      const title = text.slice(from, to).trim();
      const key = `h${heading.depth} ${title}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, heading.position?.start.line ?? 0);
        continue;
      }
      findings.push({
        rule: this.id, severity: this.severity, file: path, key: `${key} (2)`,
        line: heading.position?.start.line ?? 1, column: 1,
        message: `heading "${title}" repeats the one at line ${first}; remove or rename one`,
      });
    }
    return findings;
  },
};
