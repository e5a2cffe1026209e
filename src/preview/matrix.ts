import { existsSync } from 'node:fs';
import type { BuildResult } from '../build.js';
import type { Finding } from '../check/types.js';
import { chaptersOf } from '../emit/examples.js';
import { staleFiles } from '../emit/write-tree.js';
import type { Skeleton } from '../skeleton/parse.js';
import { collectHeadings } from '../skeleton/markdown.js';
import { LineIndex } from '../util/lines.js';
import { stampMatches } from '../verify/stamp.js';

/** tested: its test stamp matches; stale: out/ or the stamp is older than the build; failing: no stamp (it failed or never ran). */
export type TreeState = 'tested' | 'stale' | 'failing';

/** One cell of the index: a stack's chapter. */
export interface ChapterCell {
  chapter: string;
  anchor: string;
  filled: number;
  unfilled: number;
  trees: Array<{ name: string; state: TreeState }>;
  findings: Finding[];
}

/** One row: a stack and its chapters, in the skeleton's order. */
export interface StackRow {
  slug: string;
  layers: string[];
  skeleton: string;
  cells: ChapterCell[];
}

/**
 * Sorts a stack's holes, example trees and check findings into the skeleton's chapters (its
 * top-level headings). An example tree belongs to the chapter that links it (`<<example.NNN>>`).
 */
export async function stackRow(skeleton: Skeleton, build: BuildResult, findings: readonly Finding[], outDir: string, anchor: (title: string) => string): Promise<StackRow> {
  const { text, path } = skeleton.source;
  const chapters = collectHeadings(skeleton.tree, text).filter((hd) => hd.depth === 1);
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.position(offset).line;
  const starts = chapters.map((c) => ({ title: c.text, line: lineOf(c.start) }));
  const cells: ChapterCell[] = starts.map((c) => ({ chapter: c.title, anchor: anchor(c.title), filled: 0, unfilled: 0, trees: [], findings: [] }));
  const cellAtLine = (line: number): ChapterCell | undefined => {
    let found: ChapterCell | undefined;
    starts.forEach((s, i) => {
      if (s.line <= line) found = cells[i];
    });
    return found;
  };
  const cellOf = (title: string | undefined): ChapterCell | undefined => cells.find((c) => c.chapter === title);

  for (const [hole, r] of build.resolutions) {
    const cell = cellOf(hole.chapter[0]);
    if (cell === undefined || r.how === 'removed') continue;
    if (r.how === 'unfilled') cell.unfilled++;
    else cell.filled++;
  }

  const slug = build.profile.stack.slug;
  const stale = await staleFiles(outDir, slug, build.files);
  const treeCell = new Map<string, ChapterCell>();
  for (const chapter of chaptersOf(build.trees)) {
    const link = skeleton.holes.find((hl) => hl.id === `example.${chapter}`);
    const cell = link ? cellOf(link.chapter[0]) : undefined;
    if (cell === undefined) continue;
    treeCell.set(chapter, cell);
    const dir = `${outDir}/${slug}/examples/${chapter}`;
    let state: TreeState;
    if (stale.some((p) => p.includes(`${dir}/`))) state = 'stale';
    else if (await stampMatches(dir)) state = 'tested';
    else state = existsSync(`${dir}/test-stamp.json`) ? 'stale' : 'failing';
    cell.trees.push({ name: chapter, state });
  }

  for (const finding of findings) {
    if (finding.silenced) continue;
    const tree = /\/examples\/([^/]+)/.exec(finding.file)?.[1];
    const cell = finding.file === path ? cellAtLine(finding.line) : tree !== undefined ? treeCell.get(tree) : undefined;
    cell?.findings.push(finding);
  }
  return { slug, layers: build.report.layers, skeleton: path, cells };
}
