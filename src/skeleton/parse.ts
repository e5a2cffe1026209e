import type { Root } from 'mdast';
import type { Warning } from '../util/errors.js';
import { LineIndex } from '../util/lines.js';
import { classify } from './classify.js';
import { parseFrontMatter, type FrontMatter } from './frontmatter.js';
import { aliasOf, derivedId, slug } from './ids.js';
import { chapterAt, collectHeadings, contextAt, contextNodes, parseMarkdown } from './markdown.js';
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
}

/** Front-matter keys whose values name the skeleton's own stack (see classify rule 6). */
const STACK_KEYS = ['language', 'framework', 'package_managers_chosen', 'unit_tests_chosen', 'assets_generator_chosen'];

export function parseSkeleton(source: SourceFile): Skeleton {
  const { path, text } = source;
  const lines = new LineIndex(text);
  const { spans, unclosed } = findSpans(text);
  const warnings: Warning[] = unclosed.map(({ offset, opener }) => ({
    file: path,
    ...lines.position(offset),
    message: `unclosed ${opener}: close it with ${opener === '{{' ? '}}' : '>>'} or escape it; scanning goes on`,
  }));
  const frontMatter = parseFrontMatter(path, text, spans);
  const tree = parseMarkdown(text);
  const headings = collectHeadings(tree, text);
  const contexts = contextNodes(tree);
  const stackWords = STACK_KEYS.map((k) => frontMatter?.data[k]).filter((v): v is string => typeof v === 'string');

  const chapterOf = (offset: number): string[] =>
    frontMatter !== undefined && offset < frontMatter.end ? ['front-matter'] : chapterAt(headings, offset);

  const holes: Hole[] = spans.map((span) => {
    const context = contextAt(contexts, span.start, span.end);
    const chapter = chapterOf(span.start);
    return toHole(span, context, chapter, stackWords, lines);
  });
  holes.push(...findBareTodos(tree, text, holes, chapterOf, lines, contexts));
  holes.sort((a, b) => a.start - b.start);
  disambiguate(holes);
  return { source, tree, frontMatter, holes, warnings };
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
  chapterOf: (offset: number) => string[],
  lines: LineIndex,
  contexts: ReturnType<typeof contextNodes>,
): Hole[] {
  const found: Hole[] = [];
  const insideHole = (offset: number): boolean => holes.some((h) => h.start <= offset && offset < h.end);
  const visit = (node: Root | Root['children'][number]): void => {
    if (node.type === 'text' && node.position !== undefined) {
      const from = node.position.start.offset ?? 0;
      const raw = text.slice(from, node.position.end.offset ?? from);
      for (const match of raw.matchAll(/\bTODO\b[^\n]*/g)) {
        const start = from + match.index;
        if (insideHole(start)) continue;
        const lineEnd = match[0].replace(/\s*\{\{[\s\S]*$|\s*<<[\s\S]*$/, '').replace(/\r$/, '');
        const end = start + lineEnd.trimEnd().length;
        const body = lineEnd.replace(/^TODO:?\s*/, '').trim();
        const chapter = chapterOf(start);
        const a = lines.position(start);
        const b = lines.position(end);
        found.push({
          id: derivedId(chapterSlug(chapter), body), kind: 'todo', syntax: 'bare', text: body,
          start, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column,
          context: contextAt(contexts, start, end), chapter,
        });
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return found;
}

/**
 * Two different texts whose first words give the same derived id get `-2`, `-3`… in source
 * order. The same text keeps one id: those holes are filled by one value.
 */
function disambiguate(holes: Hole[]): void {
  const textsById = new Map<string, string[]>();
  for (const hole of holes) {
    if (hole.syntax !== 'legacy' && hole.syntax !== 'bare') continue;
    if (aliasOf(hole.text) !== undefined) continue;
    const texts = textsById.get(hole.id) ?? [];
    let n = texts.indexOf(hole.text);
    if (n === -1) n = texts.push(hole.text) - 1;
    textsById.set(hole.id, texts);
    if (n > 0) hole.id = `${hole.id}-${n + 1}`;
  }
}
