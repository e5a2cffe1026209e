import type { Root } from 'mdast';
import type { Warning } from '../util/errors.js';
import { LineIndex } from '../util/lines.js';
import { classify } from './classify.js';
import { parseFrontMatter, type FrontMatter } from './frontmatter.js';
import { unescapeText } from './canonical.js';
import { aliasOf, derivedId, slug } from './ids.js';
import { AS_SKELETON, decideLegacy, STACK_KEYS, type LegacyChoice, type LegacyRule } from './legacy.js';
import { chapterSweep, collectHeadings, contextNodes, contextSweep, parseMarkdown, type Heading } from './markdown.js';
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
  const headings = chapterHeadings(collectHeadings(tree, text), spans, text);
  const contexts = contextNodes(tree);
  const stackWords = STACK_KEYS.map((k) => frontMatter?.data[k]).filter((v): v is string => typeof v === 'string');

  const chapterOf = chapterLookup(headings, frontMatter);
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

function toHole(span: RawSpan, context: HoleContext, chapter: ChapterPath, stackWords: string[], lines: LineIndex): Hole {
  const text = (span.syntax === 'canonical' ? (span.brief ?? '') : span.inner).replace(/\r\n/g, '\n');
  // A canonical hole whose text is the legacy name of its id (`<<framework.name: Framework>>`,
  // as migrate writes a slot in a heading) is that slot.
  const alias = span.syntax === 'legacy' ? aliasOf(text) : span.brief !== undefined && aliasOf(text) === span.id ? span.id : undefined;
  const { kind, condition } = classify(text, context, {
    isAlias: alias !== undefined,
    canonicalWithoutText: span.syntax === 'canonical' && span.brief === undefined,
    stackWords,
  });
  const id = span.id ?? alias ?? derivedId(chapter.slug, text);
  const from = lines.position(span.start);
  const to = lines.position(span.end);
  const hole: Hole = {
    id, kind, syntax: span.syntax, text: span.syntax === 'legacy' ? text.trim() : text,
    start: span.start, end: span.end,
    line: from.line, column: from.column, endLine: to.line, endColumn: to.column,
    context, chapter: chapter.names,
  };
  if (condition !== undefined) hole.condition = condition;
  return hole;
}

/** A heading that makes chapters, with the slug its words give the ids derived under it. */
interface ChapterHeading extends Heading {
  slug: string;
}

/** Where an offset stands: the heading path as written, and the chapter part of derived ids. */
interface ChapterPath {
  names: string[];
  slug: string;
}

/**
 * The headings that make chapters, each with the slug of its words, in one pass over headings
 * and spans (both in source order).
 *
 * A heading that starts inside a hole is part of that hole's text: the article has what fills the
 * hole instead, so it is no chapter. A hole in a heading counts as its text (a canonical hole as
 * its text with escapes undone, or as written when it has none), and a hole that opens in the
 * heading and goes on below counts as its text up to the heading's end. A legacy hole and the
 * canonical hole migrate writes for it (migrate.ts keeps the text of holes in headings) so give the
 * heading the same words, and migrating never changes an id derived under it.
 */
function chapterHeadings(headings: readonly Heading[], spans: readonly RawSpan[], text: string): ChapterHeading[] {
  const out: ChapterHeading[] = [];
  let s = 0;
  for (const heading of headings) {
    while (s < spans.length && spans[s]!.end <= heading.start) s++;
    if (s < spans.length && spans[s]!.start < heading.start) continue;
    const parts: string[] = [];
    let at = heading.textStart;
    for (let k = s; k < spans.length && spans[k]!.start < heading.textEnd; k++) {
      const span = spans[k]!;
      parts.push(text.slice(at, span.start), ' ', spanWords(span, heading.textEnd, text), ' ');
      at = Math.min(span.end, heading.textEnd);
    }
    parts.push(text.slice(at, heading.textEnd));
    out.push({ ...heading, slug: slug(parts.join('')) || 'preamble' });
  }
  return out;
}

/** The words a hole gives a heading it stands in, up to `stop` (the heading's end). */
function spanWords(span: RawSpan, stop: number, text: string): string {
  if (span.syntax === 'legacy') return span.end <= stop ? span.inner : text.slice(span.start + 2, stop);
  if (span.brief === undefined) return text.slice(span.start, Math.min(span.end, stop));
  // `<<` + id + `:` opens a hole with text.
  return span.end <= stop ? span.brief : unescapeText(text.slice(span.start + span.id!.length + 3, stop));
}

/** The chapter of offsets asked for in increasing order (front-matter counts as its own). */
function chapterLookup(headings: readonly ChapterHeading[], frontMatter: FrontMatter | undefined): (offset: number) => ChapterPath {
  const sweep = chapterSweep(headings);
  const inFrontMatter: ChapterPath = { names: ['front-matter'], slug: 'front-matter' };
  let last: ChapterHeading[] | undefined;
  let path: ChapterPath = { names: [], slug: 'preamble' };
  return (offset) => {
    if (frontMatter !== undefined && offset < frontMatter.end) return inFrontMatter;
    const headingsHere = sweep(offset);
    // The sweep hands back the same array while no heading is passed.
    if (headingsHere !== last) {
      last = headingsHere;
      path = { names: headingsHere.map((h) => h.text), slug: headingsHere[0]?.slug ?? 'preamble' };
    }
    return path;
  };
}

/**
 * A bare `TODO` in prose, outside any hole (line 79 of the given skeleton). Only Markdown text
 * nodes are searched: a TODO in a code block is code, not a note to the writer.
 */
function findBareTodos(
  tree: Root,
  text: string,
  holes: readonly Hole[],
  headings: readonly ChapterHeading[],
  frontMatter: FrontMatter | undefined,
  lines: LineIndex,
  contexts: ReturnType<typeof contextNodes>,
): Hole[] {
  const found: Hole[] = [];
  // Holes are sorted and do not overlap: the last one starting at or before `offset` decides.
  const holeAtOrBefore = (offset: number): number => {
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
    return best;
  };
  const chapters = chapterLookup(headings, frontMatter);
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
    // Every TODO counts, a second one on a line too: how a line splits into text nodes (around
    // inline HTML, say) must not decide which TODOs are found. Its text runs to the end of the
    // line, the next TODO or the next hole, whatever the bytes just before it (`<{{x}}` becomes `<<<id: x>>`
    // in migrate, and the TODO's text must stay `<`); the line's end is found once per line.
    let newline = -1;
    const matches = [...raw.matchAll(/\bTODO\b/g)];
    for (const [i, match] of matches.entries()) {
      const start = from + match.index;
      const before = holeAtOrBefore(start);
      if (before !== -1 && start < holes[before]!.end) continue;
      if (newline < match.index) newline = indexOr(raw, '\n', match.index);
      const next = holes[before + 1];
      const opener = next === undefined ? raw.length : next.start - from;
      // a second TODO on the line starts a TODO of its own: the first one's text stops there
      const nextTodo = matches[i + 1]?.index ?? raw.length;
      const stop = Math.min(newline, opener, nextTodo, match.index + MAX_TODO_TEXT);
      const lineEnd = raw.slice(match.index, stop).replace(/\r$/, '');
      const end = start + lineEnd.trimEnd().length;
      const body = lineEnd.replace(/^TODO:?\s*/, '').trim();
      const chapter = chapters(start);
      const a = lines.position(start);
      const b = lines.position(end);
      found.push({
        id: derivedId(chapter.slug, body), kind: 'todo', syntax: 'bare', text: body,
        start, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column,
        context: contextOf(start, end), chapter: chapter.names,
      });
    }
  }
  return found;
}

/** A TODO's text stops here at the latest (a line of a thousand TODOs must not cost n² bytes). */
const MAX_TODO_TEXT = 2000;

function indexOr(text: string, what: string, from: number): number {
  const at = text.indexOf(what, from);
  return at === -1 ? text.length : at;
}

/**
 * Two different texts whose first words give the same derived id get `-2`, `-3`… in source
 * order. The same text keeps one id: those holes are filled by one value. Legacy holes and bare
 * TODOs are numbered apart, so that migrating the holes (which then carry their ids) leaves the
 * TODOs' ids as they were.
 */
function disambiguate(holes: Hole[]): void {
  const textsById = new Map<string, Map<string, number>>();
  for (const hole of holes) {
    if (hole.syntax !== 'legacy' && hole.syntax !== 'bare') continue;
    if (aliasOf(hole.text) !== undefined) continue;
    const key = `${hole.syntax}\0${hole.id}`;
    let texts = textsById.get(key);
    if (texts === undefined) textsById.set(key, (texts = new Map()));
    let n = texts.get(hole.text);
    if (n === undefined) texts.set(hole.text, (n = texts.size));
    if (n > 0) hole.id = `${hole.id}-${n + 1}`;
  }
}
