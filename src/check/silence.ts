import type { Finding } from './types.js';

/** `<!-- stackdoc-disable-next-line rule[, rule…] -- reason -->` in a skeleton. */
export interface Silencer {
  file: string;
  /** The line the comment silences: the next non-blank line after it. */
  line: number;
  rules: string[];
  reason: string;
}

const COMMENT = /<!--\s*stackdoc-disable-next-line\s+([\w-]+(?:\s*,\s*[\w-]+)*)\s+--\s+([\s\S]*?)\s*-->/g;

/** Finds the silencing comments of a skeleton. A comment without a reason silences nothing. */
export function findSilencers(file: string, text: string): Silencer[] {
  const lines = text.split('\n');
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const out: Silencer[] = [];
  for (const match of text.matchAll(COMMENT)) {
    let line = lineOf(match.index + match[0].length) + 1;
    while (line <= lines.length && lines[line - 1]!.trim() === '') line++;
    out.push({ file, line, rules: match[1]!.split(',').map((r) => r.trim()), reason: match[2]!.trim() });
  }
  return out;
}

/** Marks the findings an inline comment silences; they stay in the report and are counted. */
export function applySilencers(findings: Finding[], silencers: readonly Silencer[]): void {
  for (const f of findings) {
    const s = silencers.find((x) => x.file === f.file && x.rules.includes(f.rule) && f.line <= x.line && x.line <= (f.endLine ?? f.line));
    if (s !== undefined) f.silenced = { reason: s.reason };
  }
}
