import type { Nodes } from 'mdast';
import type { Skeleton } from '../skeleton/parse.js';
import type { Hole } from '../skeleton/types.js';
import { UserError } from '../util/errors.js';
import { LineIndex } from '../util/lines.js';

/** The marker lines that fence an authoring-only part of a skeleton (the checklist, notes to the author). */
export const AUTHORING_OPEN = '<!-- stackdoc:authoring -->';
export const AUTHORING_CLOSE = '<!-- /stackdoc:authoring -->';

/**
 * A part of the skeleton for its authors only: `check` reads it, the reader's article leaves it
 * out. Offsets cover whole lines, from the opening marker's line to the closing marker's line
 * and its line break, so the article loses exactly those lines.
 */
export interface AuthoringBlock {
  start: number;
  end: number;
  /** Lines of the two markers (1-based). */
  line: number;
  endLine: number;
}

/** A marker line, spaces inside the comment tolerated: `<!--stackdoc:authoring-->` counts too. */
const MARKER = /^[ \t]*<!--\s*(\/?)stackdoc:authoring\s*-->[ \t]*\r?$/;
/** The marker's name anywhere on a line, to catch one that shares its line with other text. */
const MENTION = /<!--\s*\/?stackdoc:authoring\s*-->/;

/**
 * Finds the authoring blocks of a skeleton. Markers are recognized on lines of their own outside
 * code (a marker shown in a code block or inline code is an example of the syntax, not a fence)
 * and outside the front-matter. Blocks do not nest. An unclosed block, a closing marker without
 * an opening one, a marker sharing its line with text, or a hole that crosses a marker is bad
 * input: a UserError at the marker, saying what to do.
 */
export function findAuthoringBlocks(skeleton: Skeleton): AuthoringBlock[] {
  const { path, text } = skeleton.source;
  if (!text.includes('stackdoc:authoring')) return [];
  const lines = new LineIndex(text);
  const code = codeRanges(skeleton.tree);
  const fmEnd = skeleton.frontMatter?.end ?? 0;
  const blocks: AuthoringBlock[] = [];
  let open: { start: number; line: number; column: number } | undefined;
  let c = 0; // index into the sorted code ranges: one pass over the text, linear time
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const line = text.slice(at, nl === -1 ? text.length : nl);
    const mention = line.indexOf('stackdoc:authoring');
    const offset = at + mention;
    while (mention !== -1 && c < code.length && code[c]![1] <= offset) c++;
    const inCode = c < code.length && code[c]![0] <= offset;
    if (mention !== -1 && at >= fmEnd && !inCode) {
      const where = lines.position(at + Math.max(0, line.lastIndexOf('<!--', mention)));
      const marker = MARKER.exec(line);
      if (marker === null) {
        if (MENTION.test(line)) {
          throw new UserError(`an authoring marker must stand on a line of its own; move ${line.includes('/stackdoc') ? AUTHORING_CLOSE : AUTHORING_OPEN} to its own line`, path, where.line, where.column);
        }
      } else if (marker[1] === '') {
        if (open !== undefined) {
          throw new UserError(`authoring blocks do not nest: the block opened at ${open.line}:${open.column} is still open; close it with ${AUTHORING_CLOSE} before opening another`, path, where.line, where.column);
        }
        open = { start: at, ...where };
      } else {
        if (open === undefined) {
          throw new UserError(`${AUTHORING_CLOSE} closes no block; remove it or put ${AUTHORING_OPEN} on a line above`, path, where.line, where.column);
        }
        blocks.push({ start: open.start, end: swallowBlankLine(text, open.start, lineEnd), line: open.line, endLine: where.line });
        open = undefined;
      }
    }
    at = lineEnd;
  }
  if (open !== undefined) {
    throw new UserError(`authoring block is never closed; put ${AUTHORING_CLOSE} on its own line after its last line`, path, open.line, open.column);
  }
  for (const hole of skeleton.holes) {
    const block = blocks.find((b) => (hole.start < b.start && hole.end > b.start) || (hole.start < b.end && hole.end > b.end));
    if (block !== undefined) {
      throw new UserError(`hole ${hole.id} crosses the authoring block of lines ${block.line}–${block.endLine}; put the hole wholly inside or outside the block`, path, hole.line, hole.column);
    }
  }
  return blocks;
}

/**
 * Between two blank lines, a block also takes the blank line after it, so the article has one
 * blank line where the block was, not two.
 */
function swallowBlankLine(text: string, start: number, end: number): number {
  if (start === 0) return end;
  const previous = text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1);
  if (previous.trim() !== '') return end;
  const next = text.indexOf('\n', end);
  return next !== -1 && text.slice(end, next).trim() === '' ? next + 1 : end;
}

/** The block a source offset lies in, if any. */
export function authoringBlockAt(blocks: readonly AuthoringBlock[], offset: number): AuthoringBlock | undefined {
  return blocks.find((b) => b.start <= offset && offset < b.end);
}

/** Holes that stand inside an authoring block: they are the authors' business, never the reader's. */
export function holesInAuthoring(blocks: readonly AuthoringBlock[], holes: readonly Hole[]): Map<Hole, AuthoringBlock> {
  const inside = new Map<Hole, AuthoringBlock>();
  if (blocks.length === 0) return inside;
  for (const hole of holes) {
    const block = authoringBlockAt(blocks, hole.start);
    if (block !== undefined) inside.set(hole, block);
  }
  return inside;
}

/** Source ranges of code (fenced, indented and inline), sorted, where a marker is only text. */
function codeRanges(tree: Nodes): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const visit = (node: Nodes): void => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position !== undefined) {
      ranges.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return ranges.sort((a, b) => a[0] - b[0]);
}
