import type { Nodes } from 'mdast';
import type { Finding, Rule } from '../types.js';
import { forAuthors } from './util.js';

/**
 * `example-per-chapter` (checklist 2): a chapter (a top-level heading) that shows code has its
 * own example tree, linked with `<<example.NNN-chapter>>`. "Shows code" means a fenced block
 * with a language or cut from an example file; a bare shell line without a language (the
 * multiwerf setup) is an instruction, not an example.
 */
export const examplePerChapter: Rule = {
  id: 'example-per-chapter',
  doc: 'Every chapter that shows code has its own example tree.',
  severity: 'error',
  run(ctx) {
    const { skeleton, build } = ctx;
    const findings: Finding[] = [];
    const chapters: Array<{ title: string; line: number; code: boolean; start: number; end: number }> = [];
    const { text, path } = skeleton.source;
    for (const node of skeleton.tree.children) {
      const start = node.position?.start.offset ?? 0;
      if (forAuthors(ctx, start)) continue;
      if (node.type === 'heading' && node.depth === 1) {
        const from = node.children[0]?.position?.start.offset ?? start;
        const to = node.children.at(-1)?.position?.end.offset ?? from;
        chapters.at(-1) && (chapters.at(-1)!.end = start);
        chapters.push({ title: text.slice(from, to).trim(), line: node.position?.start.line ?? 1, code: false, start, end: text.length });
      } else if (chapters.length > 0 && showsCode(node, skeleton.holes, start)) {
        chapters.at(-1)!.code = true;
      }
    }
    const trees = new Set(build ? [...build.trees.keys()].map((k) => k.split('/')[0]) : []);
    for (const chapter of chapters.filter((c) => c.code)) {
      const links = skeleton.holes.filter((h) => h.id.startsWith('example.') && h.start >= chapter.start && h.start < chapter.end);
      if (links.some((h) => trees.has(h.id.slice('example.'.length)))) continue;
      findings.push({
        rule: this.id, severity: this.severity, file: path, line: chapter.line, column: 1, key: chapter.title,
        message: `chapter "${chapter.title}" shows code but has no example tree; add profiles/<layer>/examples/NNN-<chapter>/ and link it with <<example.NNN-<chapter>>>`,
      });
    }
    return findings;
  },
};

function showsCode(node: Nodes, holes: ReadonlyArray<{ id: string; start: number }>, start: number): boolean {
  if (node.type !== 'code') return false;
  const end = node.position?.end.offset ?? start;
  return Boolean(node.lang) || holes.some((h) => h.id.startsWith('snippet.') && h.start >= start && h.start < end);
}
