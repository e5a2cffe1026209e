import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { HoleMark } from './marks.js';

/**
 * Marks, in the article's HTML tree, every piece of text that came from a hole. Positions that
 * remark-rehype keeps on the tree are offsets into the article source; each text node is mapped
 * back to those offsets character by character, split where a hole begins or ends, and the parts
 * inside a hole are wrapped in `<span class="hole …" data-hole="N">`. A fill spanning several
 * blocks (a section with paragraphs and code) is thus marked in every block it reaches, without
 * rebuilding the tree. No library maps hast text back to source offsets, hence this module.
 */
export interface AnnotateResult {
  /** Marks that a `pre` element shows, by element, for the snippet links. */
  codeBlocks: Map<Element, Set<number>>;
  /** Index of the first element that shows a mark (anchors `#hole-N` point there). */
  anchored: Set<number>;
}

export function annotate(tree: Root, source: string, marks: readonly HoleMark[]): AnnotateResult {
  const result: AnnotateResult = { codeBlocks: new Map(), anchored: new Set() };
  const visit = (parent: Root | Element, ancestors: Element[], base: { start: number; end: number } | undefined): void => {
    const children: Array<RootContent | ElementContent> = [];
    for (const child of parent.children) {
      if (child.type === 'text') {
        children.push(...splitText(child, child.position ? offsetsOf(child) : base, source, marks, ancestors, result));
        continue;
      }
      if (child.type === 'element') {
        const own = offsetsOf(child);
        if (child.tagName === 'img' && own !== undefined) markVoid(child, own, marks, result);
        visit(child, [...ancestors, child], own ?? base);
      }
      children.push(child as RootContent & ElementContent);
    }
    parent.children = children as typeof parent.children;
  };
  visit(tree, [], undefined);
  return result;
}

function offsetsOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): { start: number; end: number } | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** The mark covering `offset`, by binary search (marks are sorted and do not overlap). */
function markAt(marks: readonly HoleMark[], offset: number): number {
  let lo = 0;
  let hi = marks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = marks[mid]!;
    if (offset < m.start) hi = mid - 1;
    else if (offset >= m.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Source offset of each character of `value` inside `range`. Usually the text is the source
 * slice itself; where Markdown dropped characters (escapes, entities, a code fence, indentation)
 * each character is found in order further on. Undefined when the text cannot be placed.
 */
export function alignText(value: string, source: string, range: { start: number; end: number }, skipFence: boolean): number[] | undefined {
  let at = range.start;
  if (source.slice(range.start, range.end) === value) return Array.from(value, (_c, i) => range.start + i);
  if (skipFence && /^[ \t]*(`{3,}|~{3,})/.test(source.slice(at, at + 40))) at = source.indexOf('\n', at) + 1;
  const offsets: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    while (at < range.end && source[at] !== c && !(c === '\n' && source[at] === '\r')) at++;
    if (at >= range.end) {
      // A code block's value ends with its last line; nothing past the range can match.
      if (i === value.length - 1 && c === '\n') break;
      return undefined;
    }
    offsets.push(at++);
  }
  return offsets;
}

function splitText(
  node: Text,
  range: { start: number; end: number } | undefined,
  source: string,
  marks: readonly HoleMark[],
  ancestors: Element[],
  result: AnnotateResult,
): ElementContent[] {
  if (range === undefined || marks.length === 0) return [node];
  const inCode = ancestors.some((a) => a.tagName === 'pre');
  const offsets = alignText(node.value, source, range, inCode && !node.position);
  if (offsets === undefined) return [node];
  const out: ElementContent[] = [];
  let from = 0;
  let current = offsets.length > 0 ? markAt(marks, offsets[0]!) : -1;
  const flush = (to: number, mark: number): void => {
    if (to <= from) return;
    const text: Text = { type: 'text', value: node.value.slice(from, to) };
    if (mark === -1) out.push(text);
    else out.push(holeSpan(mark, marks[mark]!, [text], result));
    const pre = ancestors.find((a) => a.tagName === 'pre');
    if (mark !== -1 && pre !== undefined) {
      if (!result.codeBlocks.has(pre)) result.codeBlocks.set(pre, new Set());
      result.codeBlocks.get(pre)!.add(mark);
    }
    from = to;
  };
  for (let i = 1; i < offsets.length; i++) {
    const mark = markAt(marks, offsets[i]!);
    if (mark !== current) {
      flush(i, current);
      current = mark;
    }
  }
  flush(node.value.length, current);
  return out;
}

function markVoid(element: Element, range: { start: number; end: number }, marks: readonly HoleMark[], result: AnnotateResult): void {
  const mark = markAt(marks, range.start);
  if (mark === -1) return;
  Object.assign(element.properties, holeProperties(mark, marks[mark]!, result));
}

function holeSpan(index: number, mark: HoleMark, children: ElementContent[], result: AnnotateResult): Element {
  return { type: 'element', tagName: 'span', properties: holeProperties(index, mark, result), children };
}

/** The classes and data the page's script and stylesheet use; `title` works without script. */
function holeProperties(index: number, mark: HoleMark, result: AnnotateResult): Element['properties'] {
  const r = mark.resolution;
  const state = r.how === 'unfilled' ? 'unfilled' : 'filled';
  const properties: Element['properties'] = {
    className: ['hole', state],
    dataHole: String(index),
    tabIndex: 0,
    title: r.how === 'unfilled' ? `не заполнено: ${mark.hole.id} — ${r.reason}` : r.how === 'removed' ? r.reason : `${mark.hole.id}: ${r.how} из слоя ${r.origin.layer}, ${r.origin.file}`,
  };
  if (!result.anchored.has(index)) {
    result.anchored.add(index);
    properties.id = `hole-${index}`;
    (properties.className as string[]).push('first');
  }
  return properties;
}
