import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Image, Nodes } from 'mdast';
import type { Finding, Rule } from '../types.js';

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
  run({ skeleton }) {
    const findings: Finding[] = [];
    const file = skeleton.source.path;
    const visit = (node: Nodes): void => {
      if (node.type === 'image') check(node, findings, file, this);
      if ('children' in node) for (const child of node.children) visit(child);
    };
    visit(skeleton.tree);
    return findings;
  },
};

function check(node: Image, findings: Finding[], file: string, rule: Rule): void {
  const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
  const base = { rule: rule.id, severity: rule.severity, file, ...at };
  if (!/^[a-z]+:/i.test(node.url) && !existsSync(join(dirname(file), node.url))) {
    findings.push({ ...base, key: `missing ${node.url}`, message: `image ${node.url} does not exist next to the skeleton; add the file or fix the path` });
  }
  if (LEFTOVERS.has((node.alt ?? '').trim().toLowerCase())) {
    findings.push({ ...base, key: `alt ${node.url}`, message: `image ${node.url} has the leftover alt text "${node.alt ?? ''}"; describe the picture` });
  }
  if (node.title && LEFTOVERS.has(node.title.trim().toLowerCase())) {
    findings.push({ ...base, key: `title ${node.url}`, message: `image ${node.url} has the leftover title "${node.title}"; describe it or drop the title` });
  }
}
