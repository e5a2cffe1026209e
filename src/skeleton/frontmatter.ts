import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../util/errors.js';
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

/**
 * Parses the front-matter YAML. Holes are masked first (`title: {{x}}` would otherwise parse
 * silently as a nested map): each hole becomes a run of `_` of the same length, a plain scalar
 * that is also valid inside quotes, so every YAML error still points at the right line and
 * column of the file. The holes' own text is put back into the parsed values afterwards.
 */
export function parseFrontMatter(
  file: string,
  text: string,
  holes: ReadonlyArray<{ start: number; end: number }>,
): FrontMatter | undefined {
  const at = locateFrontMatter(text);
  if (at === undefined) return undefined;
  let yamlText = text.slice(at.start, at.end);
  const masks: Array<[mask: string, original: string]> = [];
  for (const hole of holes) {
    if (hole.start < at.start || hole.end > at.end) continue;
    const from = hole.start - at.start;
    const to = hole.end - at.start;
    const original = yamlText.slice(from, to);
    const mask = original.replace(/[^\n]/g, '_');
    masks.push([mask, original]);
    yamlText = yamlText.slice(0, from) + mask + yamlText.slice(to);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const fileLines = new LineIndex(text);
  const base = fileLines.position(at.start);
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const pos = lineCounter.linePos(problem.pos[0]);
    throw new UserError(
      `front-matter is not valid YAML: ${problem.message.split('\n')[0]}; fix the YAML between the --- lines`,
      file,
      base.line + pos.line - 1,
      pos.col,
    );
  }
  const data = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError('front-matter must be a YAML map of keys (author_name: …, language: …)', file, base.line, 1);
  }
  const keys: FrontMatter['keys'] = {};
  const contents = doc.contents;
  if (contents !== null && 'items' in contents) {
    for (const item of contents.items as Array<{ key?: { range?: [number, number]; toString(): string } }>) {
      const offset = item.key?.range?.[0];
      if (offset === undefined) continue;
      const pos = lineCounter.linePos(offset);
      keys[String(item.key)] = { line: base.line + pos.line - 1, column: pos.col };
    }
  }
  return { data: unmask(data, masks) as FrontMatterData, keys, start: at.start, end: at.end };
}

/** Puts each hole's text back where its mask stands in the parsed values. */
function unmask(value: unknown, masks: ReadonlyArray<[string, string]>): unknown {
  if (masks.length === 0) return value;
  if (typeof value === 'string') {
    let out = value;
    for (const [mask, original] of masks) out = out.replace(mask, original);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => unmask(v, masks));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unmask(v, masks)]));
  }
  return value;
}
