import { isMap, LineCounter, parseDocument, visit } from 'yaml';
import { UserError, type Warning } from '../util/errors.js';
import { LineIndex } from '../util/lines.js';

export type FrontMatterData = Record<string, unknown>;

export interface FrontMatter {
  data: FrontMatterData;
  /** File positions of the top-level keys, to point at `language:` in an error. */
  keys: Record<string, { line: number; column: number }>;
  /** Offsets of the YAML text between the `---` fences. */
  start: number;
  end: number;
}

/** The `---` fenced YAML block at the very top of a Markdown file, as raw offsets. */
export function locateFrontMatter(text: string): { start: number; end: number; blockEnd: number } | undefined {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (open === null) return undefined;
  const close = /^---[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(open[0].length);
  const match = close.exec(rest);
  if (match === null) return undefined;
  const start = open[0].length;
  return { start, end: start + match.index, blockEnd: start + match.index + match[0].length };
}

/** Aliases expanded at most this many times: a YAML "billion laughs" stops here with a message. */
const MAX_ALIASES = 100;

/**
 * Parses the front-matter YAML. Holes are masked first (`title: {{x}}` would otherwise parse
 * silently as a nested map): each hole becomes a run of `_` of the same length, a plain scalar
 * that is also valid inside quotes, so every YAML error still points at the right line and
 * column of the file. The holes' own text is put back into the parsed values afterwards.
 *
 * A first block that is not a YAML map (`---` as a thematic break over a setext heading) is
 * not front-matter: it is read as Markdown, with a warning in `warnings`.
 */
export function parseFrontMatter(
  file: string,
  text: string,
  holes: ReadonlyArray<{ start: number; end: number }>,
  warnings: Warning[] = [],
): FrontMatter | undefined {
  const at = locateFrontMatter(text);
  if (at === undefined) {
    if (/^---[ \t]*\r?\n/.test(text)) {
      const pandoc = /^\.\.\.[ \t]*$/m.test(text.slice(0, 64 * 1024));
      warnings.push({
        file, line: 1, column: 1,
        message: pandoc
          ? 'the --- block at the top ends with `...` (Pandoc), not `---`: read as Markdown, not as front-matter; close it with --- to make it front-matter'
          : 'the --- at the top has no closing --- line: read as Markdown, not as front-matter',
      });
    }
    return undefined;
  }
  const yamlText = text.slice(at.start, at.end);
  // Masks, in source order, with their offsets in yamlText.
  const masks: Array<{ from: number; mask: string; original: string }> = [];
  const pieces: string[] = [];
  let done = 0;
  for (const hole of holes) {
    if (hole.start < at.start || hole.end > at.end) continue;
    const from = hole.start - at.start;
    const to = hole.end - at.start;
    const original = yamlText.slice(from, to);
    const mask = original.replace(/[^\n]/g, '_');
    masks.push({ from, mask, original });
    pieces.push(yamlText.slice(done, from), mask);
    done = to;
  }
  pieces.push(yamlText.slice(done));
  const lineCounter = new LineCounter();
  const doc = parseDocument(pieces.join(''), { lineCounter, prettyErrors: false });
  const fileLines = new LineIndex(text);
  const base = fileLines.position(at.start);
  const placeOf = (offset: number): [number, number] => {
    const pos = lineCounter.linePos(offset);
    return [base.line + pos.line - 1, pos.col];
  };
  const problem = doc.errors[0];
  if (problem !== undefined) {
    throw new UserError(
      `front-matter is not valid YAML: ${problem.message.split('\n')[0]}; fix the YAML between the --- lines`,
      file,
      ...placeOf(problem.pos[0]),
    );
  }
  const contents = doc.contents;
  if (contents === null) return { data: {}, keys: {}, start: at.start, end: at.end };
  if (!isMap(contents)) {
    warnings.push({
      file, line: 1, column: 1,
      message: 'the --- block at the top is not a YAML map of keys, so it is not front-matter: read as Markdown (a thematic break and a heading); write key: value lines to make it front-matter',
    });
    return undefined;
  }
  if (masks.length > 0) unmask(doc, masks);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (error) {
    // yaml throws a ReferenceError for an alias without an anchor and for an alias bomb.
    const message = (error as Error).message;
    const name = /alias[^:]*: (\S+)$/.exec(message)?.[1];
    let where = at.start;
    visit(doc, {
      Alias(_, node) {
        if ((name === undefined || node.source === name) && node.range) {
          where = node.range[0];
          return visit.BREAK;
        }
        return undefined;
      },
    });
    const what = /Excessive alias count/.test(message)
      ? `front-matter expands YAML aliases more than ${MAX_ALIASES} times; write the values out`
      : `front-matter uses an alias with no anchor before it (${message.replace(/ \(the anchor[^)]*\)/, '')}); define &${name ?? 'anchor'} first or write the value out`;
    throw new UserError(what, file, ...placeOf(where === at.start ? 0 : where));
  }
  const keys: FrontMatter['keys'] = {};
  for (const item of contents.items) {
    const offset = (item.key as { range?: readonly number[] | null } | null)?.range?.[0];
    if (offset === undefined) continue;
    const [line, column] = placeOf(offset);
    keys[String(item.key)] = { line, column };
  }
  return { data: data as FrontMatterData, keys, start: at.start, end: at.end };
}

/**
 * Puts each hole's text back where its mask stands: each scalar takes back the masks inside its
 * own source range, in order, so the work is linear in the front-matter's size.
 */
function unmask(doc: ReturnType<typeof parseDocument>, masks: ReadonlyArray<{ from: number; mask: string; original: string }>): void {
  let m = 0;
  visit(doc, {
    Scalar(_, node) {
      const range = node.range;
      if (range === undefined || range === null || typeof node.value !== 'string') return;
      // Scalars are visited in source order; skip masks before this one.
      while (m < masks.length && masks[m]!.from < range[0]) m++;
      let value = node.value;
      let pos = 0;
      let k = m;
      let out = '';
      for (; k < masks.length && masks[k]!.from < range[1]; k++) {
        const found = value.indexOf(masks[k]!.mask, pos);
        if (found === -1) continue;
        out += value.slice(pos, found) + masks[k]!.original;
        pos = found + masks[k]!.mask.length;
      }
      if (k === m) return;
      m = k;
      value = out + value.slice(pos);
      node.value = value;
    },
  });
}
