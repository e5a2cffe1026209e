import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DIAGRAM_FILE = 'diagram.svg';

/**
 * Bump when the drawing changes (what the graph shows, how DOT is written), so diagrams drawn by
 * an older stackdoc count as stale.
 */
export const DIAGRAM_FORMAT = 2;

/** The first line after the XML declaration says what the picture was drawn from. */
export function stampLine(treeHash: string): string {
  return `<!-- stackdoc diagram format ${DIAGRAM_FORMAT}, drawn from the example tree sha256:${treeHash} -->`;
}

const STAMP = /<!-- stackdoc diagram format (\d+), drawn from the example tree sha256:([0-9a-f]{64}) -->/;

export type DiagramState = { state: 'missing' } | { state: 'fresh' } | { state: 'stale'; why: string };

/** Compares a chapter's diagram with the tree hash of its current content (the test stamp's hash). */
export async function diagramState(chapterDir: string, currentTreeHash: string): Promise<DiagramState> {
  let text: string;
  try {
    text = readFileSync(join(chapterDir, DIAGRAM_FILE), 'utf8'); // check reads one per tree: synchronous is cheaper
  } catch {
    return { state: 'missing' };
  }
  const match = STAMP.exec(text.slice(0, 400));
  if (match === null) return { state: 'stale', why: 'it has no stackdoc stamp' };
  if (Number(match[1]) !== DIAGRAM_FORMAT) return { state: 'stale', why: `it was drawn in format ${match[1]}, now ${DIAGRAM_FORMAT}` };
  if (match[2] !== currentTreeHash) return { state: 'stale', why: 'the example tree changed since it was drawn' };
  return { state: 'fresh' };
}
