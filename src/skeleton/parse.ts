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
  // A canonical hole whose text is the legacy name of its id (`<<framework.name: Framework>>`,
  // as migrate writes a slot in a heading) is that slot.
  const alias = span.syntax === 'legacy' ? aliasOf(text) : span.brief !== undefined && aliasOf(text) === span.id ? span.id : undefined;
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

/**
 * The chapter part of a derived id: the top heading of the path, as a slug. A canonical hole
 * with text counts as its text, like the legacy hole it was migrated from (migrate.ts writes
 * holes in headings with their text), so migrating never changes the ids under a heading.
 */
function chapterSlug(chapter: readonly string[]): string {
  const heading = chapter[0];
  if (heading === undefined) return 'preamble';
  let plain = headingWords.get(heading);
  if (plain === undefined) {
    plain = heading;
    if (heading.includes('<<') || heading.includes('{{')) {
      const parts: string[] = [];
      let at = 0;
      for (const span of findSpans(heading, { legacy: true }).spans) {
        const words = span.syntax === 'legacy' ? span.inner : span.brief;
        parts.push(heading.slice(at, span.start), words === undefined ? heading.slice(span.start, span.end) : ` ${words} `);
        at = span.end;
      }
      // An opener left open in the heading (its hole goes on below) counts as nothing.
      plain = (parts.join('') + heading.slice(at)).replace(/<<[a-z0-9_.-]+:/g, ' ');
    }
    headingWords.set(heading, plain);
  }
  return slug(plain) || 'preamble';
}

const headingWords = new Map<string, string>();

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
    // Every TODO counts, a second one on a line too: how a line splits into text nodes (around
    // inline HTML, say) must not decide which TODOs are found. Its text runs to the end of the
    // line or the next hole opener; the ends are found once per line, not once per TODO.
    let newline = -1;
    let opener = -1;
    for (const match of raw.matchAll(/\bTODO\b/g)) {
      const start = from + match.index;
      if (insideHole(start)) continue;
      if (newline < match.index) newline = indexOr(raw, '\n', match.index);
      if (opener < match.index) opener = Math.min(indexOr(raw, '{{', match.index), indexOr(raw, '<<', match.index));
      const stop = Math.min(newline, opener, match.index + MAX_TODO_TEXT);
      const lineEnd = raw.slice(match.index, stop).replace(/\r$/, '');
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
