import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Image, Nodes } from 'mdast';
import type { Finding, Rule } from '../types.js';
import { forAuthors } from './util.js';

/** Alt texts and titles that an export tool or a template left behind. */
const LEFTOVERS = new Set(['alt_text', 'image_tooltip', 'image', 'alt', 'todo', '']);

/**
 * `images`: every image reference resolves to a file next to the skeleton, and its alt text
 * describes the picture (not `alt_text`, the Google Docs export's placeholder).
 */
export const images: Rule = {
  id: 'images',
  doc: 'Every image resolves to a file, and its alt text is not a leftover such as alt_text or image_tooltip.',
  severity: 'error',
  run(ctx) {
    const { skeleton } = ctx;
    const findings: Finding[] = [];
    const file = skeleton.source.path;
    const visit = (node: Nodes): void => {
      if (node.type === 'image' && !forAuthors(ctx, node.position?.start.offset)) check(node, findings, file, this);
      if ('children' in node) for (const child of node.children) visit(child);
    };
    visit(skeleton.tree);
    return findings;
  },
};

function check(node: Image, findings: Finding[], file: string, rule: Rule): void {
  const problems: string[] = [];
  if (!/^[a-z]+:/i.test(node.url) && !existsSync(join(dirname(file), node.url))) problems.push('the file does not exist next to the skeleton');
  if (LEFTOVERS.has((node.alt ?? '').trim().toLowerCase())) problems.push(`the alt text "${node.alt ?? ''}" is a leftover: describe the picture`);
  if (node.title && LEFTOVERS.has(node.title.trim().toLowerCase())) problems.push(`the title "${node.title}" is a leftover: describe it or drop it`);
  if (problems.length === 0) return;
  findings.push({
    rule: rule.id, severity: rule.severity, file, key: node.url,
    line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1,
    message: `image ${node.url}: ${problems.join('; ')}`,
  });
}
