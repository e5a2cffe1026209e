import type { Root } from 'mdast';
import type { Warning } from '../util/errors.js';
import { LineIndex } from '../util/lines.js';
import { classify } from './classify.js';
import { parseFrontMatter, type FrontMatter } from './frontmatter.js';
import { aliasOf, derivedId, slug } from './ids.js';
import { AS_SKELETON, decideLegacy, STACK_KEYS, type LegacyChoice, type LegacyRule } from './legacy.js';
import { chapterSweep, collectHeadings, contextNodes, contextSweep, parseMarkdown } from './markdown.js';
import type { SourceFile } from './source.js';
import { findSpans, type RawSpan } from './spans.js';
import type { Hole, HoleContext } from './types.js';

/** A skeleton read and understood: its tree, front-matter and every hole, in source order. */
export interface Skeleton {
  source: SourceFile;
  tree: Root;
  frontMatter: FrontMatter | undefined;
  holes: Hole[];
  warnings: Warning[];
  /** Whether `{{…}}` were read as holes in this file, and why. */
  legacy: LegacyRule;
}

/** Unclosed-opener warnings printed per file; the rest are counted in one more line. */
const MAX_UNCLOSED_WARNINGS = 20;

export function parseSkeleton(source: SourceFile, choice: LegacyChoice = AS_SKELETON): Skeleton {
  const { path, text } = source;
  const lines = new LineIndex(text);
  // Front-matter first, with `{{…}}` masked wherever they stand: whether legacy holes count
  // can depend on what the front-matter says.
  let found = findSpans(text, { legacy: true });
  const warnings: Warning[] = [];
  const frontMatter = parseFrontMatter(path, text, found.spans, warnings);
  const legacy = decideLegacy(choice, frontMatter);
  if (!legacy.on && found.spans.some((s) => s.syntax === 'legacy')) found = findSpans(text, { legacy: false });
  const { spans, unclosed } = found;
  for (const { offset, opener } of unclosed.slice(0, MAX_UNCLOSED_WARNINGS)) {
    warnings.push({
      file: path,
      ...lines.position(offset),
      message: `unclosed ${opener}: close it with ${opener === '{{' ? '}}' : '>>'} or escape it; scanning goes on`,
    });
  }
  if (unclosed.length > MAX_UNCLOSED_WARNINGS) {
    const first = unclosed[MAX_UNCLOSED_WARNINGS]!;
    warnings.push({ file: path, ...lines.position(first.offset), message: `${unclosed.length - MAX_UNCLOSED_WARNINGS} more unclosed {{ or << from here on` });
  }
  const tree = parseMarkdown(text, frontMatter !== undefined || !/^---[ \t]*\r?\n/.test(text));
  const headings = collectHeadings(tree, text);
  const contexts = contextNodes(tree);
  const stackWords = STACK_KEYS.map((k) => frontMatter?.data[k]).filter((v): v is string => typeof v === 'string');

  const chapters = chapterSweep(headings);
  const chapterOf = (offset: number): string[] =>
    frontMatter !== undefined && offset < frontMatter.end ? ['front-matter'] : chapters(offset);
  const contextOf = contextSweep(contexts);

  const holes: Hole[] = spans.map((span) => toHole(span, contextOf(span.start, span.end), chapterOf(span.start), stackWords, lines));
  const todos = findBareTodos(tree, text, holes, headings, frontMatter, lines, contexts);
  const all = todos.length === 0 ? holes : mergeByStart(holes, todos);
  disambiguate(all);
  return { source, tree, frontMatter, holes: all, warnings, legacy };
}

function mergeByStart(a: Hole[], b: Hole[]): Hole[] {
  const out: Hole[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

function toHole(span: RawSpan, context: HoleContext, chapter: string[], stackWords: string[], lines: LineIndex): Hole {
  const text = (span.syntax === 'canonical' ? (span.brief ?? '') : span.inner).replace(/\r\n/g, '\n');
  const alias = span.syntax === 'legacy' ? aliasOf(text) : undefined;
  const { kind, condition } = classify(text, context, {
    isAlias: alias !== undefined,
    canonicalWithoutText: span.syntax === 'canonical' && span.brief === undefined,
    stackWords,
  });
  const id = span.id ?? alias ?? derivedId(chapterSlug(chapter), text);
  const from = lines.position(span.start);
  const to = lines.position(span.end);
  const hole: Hole = {
    id, kind, syntax: span.syntax, text: span.syntax === 'legacy' ? text.trim() : text,
    start: span.start, end: span.end,
    line: from.line, column: from.column, endLine: to.line, endColumn: to.column,
    context, chapter,
  };
  if (condition !== undefined) hole.condition = condition;
  return hole;
}

/** The chapter part of a derived id: the top heading of the path, as a slug. */
function chapterSlug(chapter: readonly string[]): string {
  return slug(chapter[0] ?? 'preamble') || 'preamble';
}

/**
 * A bare `TODO` in prose, outside any hole (line 79 of the given skeleton). Only Markdown text
 * nodes are searched: a TODO in a code block is code, not a note to the writer.
 */
function findBareTodos(
  tree: Root,
  text: string,
  holes: readonly Hole[],
  headings: ReturnType<typeof collectHeadings>,
  frontMatter: FrontMatter | undefined,
  lines: LineIndex,
  contexts: ReturnType<typeof contextNodes>,
): Hole[] {
  const found: Hole[] = [];
  // Holes are sorted and do not overlap: the last one starting at or before `offset` decides.
  const insideHole = (offset: number): boolean => {
    let lo = 0;
    let hi = holes.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (holes[mid]!.start <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best !== -1 && offset < holes[best]!.end;
  };
  const chapters = chapterSweep(headings);
  const contextOf = contextSweep(contexts);
  // Text nodes in source order, without recursion (deep nesting must not overflow the stack).
  const todo: Array<Root | Root['children'][number]> = [tree];
  while (todo.length > 0) {
    const node = todo.pop()!;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) todo.push(node.children[i]!);
    if (node.type !== 'text' || node.position === undefined) continue;
    const from = node.position.start.offset ?? 0;
    const raw = text.slice(from, node.position.end.offset ?? from);
    if (!raw.includes('TODO')) continue;
    for (const match of raw.matchAll(/\bTODO\b[^\n]*/g)) {
      const start = from + match.index;
      if (insideHole(start)) continue;
      const cut = /\s*(?:\{\{|<<)/.exec(match[0]);
      const lineEnd = (cut === null ? match[0] : match[0].slice(0, cut.index)).replace(/\r$/, '');
      const end = start + lineEnd.trimEnd().length;
      const body = lineEnd.replace(/^TODO:?\s*/, '').trim();
      const chapter = frontMatter !== undefined && start < frontMatter.end ? ['front-matter'] : chapters(start);
      const a = lines.position(start);
      const b = lines.position(end);
      found.push({
        id: derivedId(chapterSlug(chapter), body), kind: 'todo', syntax: 'bare', text: body,
        start, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column,
        context: contextOf(start, end), chapter,
      });
    }
  }
  return found;
}

/**
 * Two different texts whose first words give the same derived id get `-2`, `-3`… in source
 * order. The same text keeps one id: those holes are filled by one value.
 */
function disambiguate(holes: Hole[]): void {
  const textsById = new Map<string, Map<string, number>>();
  for (const hole of holes) {
    if (hole.syntax !== 'legacy' && hole.syntax !== 'bare') continue;
    if (aliasOf(hole.text) !== undefined) continue;
    let texts = textsById.get(hole.id);
    if (texts === undefined) textsById.set(hole.id, (texts = new Map()));
    let n = texts.get(hole.text);
    if (n === undefined) texts.set(hole.text, (n = texts.size));
    if (n > 0) hole.id = `${hole.id}-${n + 1}`;
  }
}
