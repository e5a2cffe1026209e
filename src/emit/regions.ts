import { UserError } from '../util/errors.js';

/** A file with its snippet markers taken out, and the text of each named region. */
export interface CutFile {
  text: string;
  regions: Map<string, string>;
}

/** `# [<snippet name>]`, `// [<endsnippet name>]`, `<!-- [<snippet name>] -->`: any comment syntax. */
const MARKER = /^[ \t]*\S*[ \t]*\[<(snippet|endsnippet) ([\w.-]+)>\][^\n]*(?:\n|$)/gm;

/**
 * Removes the region marker lines from a rendered example file and records each region's text.
 * Regions may nest; a marker inside a region is not part of its text. A duplicate, unmatched
 * or empty region is an error naming the line of the marker.
 */
export function cutRegions(file: string, text: string): CutFile {
  const open = new Map<string, { line: number; parts: string[] }>();
  const regions = new Map<string, string>();
  let out = '';
  let at = 0;
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const append = (chunk: string): void => {
    out += chunk;
    for (const region of open.values()) region.parts.push(chunk);
  };
  for (const match of text.matchAll(MARKER)) {
    append(text.slice(at, match.index));
    at = match.index + match[0].length;
    const [, kind, name] = match as unknown as [string, string, string];
    const line = lineOf(match.index);
    if (kind === 'snippet') {
      if (open.has(name) || regions.has(name)) throw new UserError(`duplicate snippet region "${name}"; region names are unique per file`, file, line, 1);
      open.set(name, { line, parts: [] });
    } else {
      const region = open.get(name);
      if (region === undefined) throw new UserError(`endsnippet "${name}" has no matching snippet marker above it`, file, line, 1);
      open.delete(name);
      const body = region.parts.join('').replace(/\n$/, '');
      if (body.trim() === '') throw new UserError(`snippet region "${name}" is empty`, file, region.line, 1);
      regions.set(name, body);
    }
  }
  append(text.slice(at));
  const unclosed = [...open.entries()][0];
  if (unclosed !== undefined) throw new UserError(`snippet region "${unclosed[0]}" is never closed; add [<endsnippet ${unclosed[0]}>]`, file, unclosed[1].line, 1);
  return { text: out, regions };
}
