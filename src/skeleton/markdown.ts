import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { HoleContext } from './types.js';

/** Parses Markdown (CommonMark + GFM tables) with YAML front-matter into mdast; positions carry source offsets. */
export function parseMarkdown(text: string, frontMatter = true): Root {
  const processor = frontMatter ? (withFrontMatter ??= markdown().use(remarkFrontmatter, ['yaml']).freeze()) : (plain ??= markdown().freeze());
  return processor.parse(text);
}

// Built once per process: a unified processor costs more to set up than a short file to parse.
let withFrontMatter: Processor<Root> | undefined;
let plain: Processor<Root> | undefined;
const markdown = () => unified().use(remarkParse).use(remarkGfmTable);

/**
 * GFM tables only (a hole may stand in a table cell). remark-gfm would also bring autolink
 * literals, footnotes and task lists, which cost parse time on every scan and mean nothing here.
 */
function remarkGfmTable(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

/** A heading and the source range of its text (holes in it stay as written). */
export interface Heading {
  depth: number;
  text: string;
  start: number;
  /** Source offsets of the text (`text` is this range, trimmed). */
  textStart: number;
  textEnd: number;
}

export function collectHeadings(tree: Root, text: string): Heading[] {
  const headings: Heading[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading' || node.position === undefined) continue;
    const first = node.children[0]?.position?.start.offset;
    const last = node.children.at(-1)?.position?.end.offset;
    const start = node.position.start.offset ?? 0;
    const raw = first !== undefined && last !== undefined ? text.slice(first, last) : '';
    headings.push({ depth: node.depth, text: raw.trim(), start, textStart: first ?? start, textEnd: last ?? start });
  }
  return headings;
}

/**
 * The heading path at offsets asked for in increasing order, in one pass over the headings
 * (asking `chapterAt` for each hole would walk every heading once per hole).
 */
export function chapterSweep<H extends Heading>(headings: readonly H[]): (offset: number) => H[] {
  const path: H[] = [];
  let next = 0;
  let cached: H[] = [];
  let changed = true;
  return (offset) => {
    while (next < headings.length && headings[next]!.start <= offset) {
      const heading = headings[next++]!;
      while (path.length > 0 && path.at(-1)!.depth >= heading.depth) path.pop();
      path.push(heading);
      changed = true;
    }
    if (changed) cached = path.slice();
    changed = false;
    return cached;
  };
}

/** The heading path in force at `offset`: ["Hello world", "Локальная сборка"]. */
export function chapterAt(headings: readonly Heading[], offset: number): string[] {
  const path: Heading[] = [];
  for (const heading of headings) {
    if (heading.start > offset) break;
    while (path.length > 0 && path.at(-1)!.depth >= heading.depth) path.pop();
    path.push(heading);
  }
  return path.map((h) => h.text);
}

const CONTEXT_OF: Partial<Record<Nodes['type'], HoleContext['node']>> = {
  yaml: 'front-matter',
  heading: 'heading',
  paragraph: 'paragraph',
  tableCell: 'table cell',
  link: 'link text',
  linkReference: 'link text',
  inlineCode: 'inline code',
  code: 'code block',
  html: 'html',
};

/** A node that names a hole's context, with its depth in the tree and whether a list item holds it. */
interface ContextNode {
  start: number;
  end: number;
  depth: number;
  context: HoleContext;
}

/**
 * Flattens the tree once into the nodes that can be a hole's context, so each hole's lookup is a
 * scan of a short list instead of a walk of the whole tree.
 */
export function contextNodes(tree: Root): ContextNode[] {
  const out: ContextNode[] = [];
  // An explicit stack, not recursion: a blockquote nested 4,000 deep must not overflow.
  const todo: Array<[Nodes, number, boolean]> = [[tree, 0, false]];
  while (todo.length > 0) {
    const [node, depth, inListItem] = todo.pop()!;
    const pos = node.position;
    const kind = CONTEXT_OF[node.type];
    if (kind !== undefined && pos !== undefined) {
      const context: HoleContext = kind === 'paragraph' && inListItem ? { node: 'list item' } : { node: kind };
      if (node.type === 'code' && node.lang) context.lang = node.lang;
      out.push({ start: pos.start.offset ?? 0, end: pos.end.offset ?? 0, depth, context });
    }
    if ('children' in node) {
      const inner = inListItem || node.type === 'listItem';
      for (let i = node.children.length - 1; i >= 0; i--) todo.push([node.children[i]!, depth + 1, inner]);
    }
  }
  return out;
}

/**
 * The context of source ranges asked for in order of their start, in one pass over the nodes
 * (pre-order, so sorted by start, a parent before its children). The stack holds the chain of
 * nodes that may still cover a range; the deepest one that covers it is the answer.
 */
export function contextSweep(nodes: readonly ContextNode[]): (start: number, end: number) => HoleContext {
  const stack: ContextNode[] = [];
  let next = 0;
  return (start, end) => {
    while (next < nodes.length && nodes[next]!.start <= start) {
      const node = nodes[next++]!;
      while (stack.length > 0 && stack.at(-1)!.end <= node.start && stack.at(-1)!.end < node.end) stack.pop();
      stack.push(node);
    }
    while (stack.length > 0 && stack.at(-1)!.end < start) stack.pop();
    let found: ContextNode | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const node = stack[i]!;
      if (node.start <= start && end <= node.end && (found === undefined || node.depth > found.depth)) found = node;
      if (found !== undefined && node.depth < found.depth) break;
    }
    return found?.context ?? { node: 'blocks' };
  };
}

/**
 * Classifies a source range by the deepest mdast node that covers all of it. A paragraph inside
 * a list item is reported as the list item, which is what a writer calls it.
 */
export function contextAt(nodes: readonly ContextNode[], start: number, end: number): HoleContext {
  let found: ContextNode | undefined;
  for (const node of nodes) {
    if (node.start <= start && end <= node.end && (found === undefined || node.depth > found.depth)) found = node;
  }
  return found?.context ?? { node: 'blocks' };
}
