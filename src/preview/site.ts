import { existsSync, readFileSync } from 'node:fs';
import type { BuildResult } from '../build.js';
import { checkSkeleton } from '../check/run.js';
import type { BuildTarget } from '../config.js';
import { DIAGRAM_FILE } from '../diagram/stamp.js';
import { chaptersOf } from '../emit/examples.js';
import type { Skeleton } from '../skeleton/parse.js';
import { articlePage, headingId, type SiteFiles } from './article-page.js';
import { LIVE_SCRIPT, SCRIPT, STYLE } from './assets.js';
import { examplePage } from './example-page.js';
import { indexPage } from './index-page.js';
import { stackRow, type StackRow } from './matrix.js';

export const PREVIEW_DIR = 'preview';

/** One build the site shows: the skeleton, the stack and what the build made in memory. */
export interface PreviewBuild {
  target: BuildTarget;
  skeleton: Skeleton;
  build: BuildResult;
}

export interface SiteOptions {
  outDir: string;
  profilesDir: string;
  /** Pages reload themselves after a rebuild (`preview --watch`). */
  live: boolean;
}

/**
 * Every file of the preview site, in memory: index.html (the matrix), per stack its article
 * (<slug>/index.html), a page per example file and the chapter diagrams drawn so far. Example
 * tree states, diagrams and check findings are read from the output folder as it is.
 */
export async function previewSite(builds: readonly PreviewBuild[], opts: SiteOptions): Promise<SiteFiles> {
  const files: SiteFiles = new Map([
    ['assets/preview.css', STYLE.trimStart()],
    ['assets/preview.js', SCRIPT.trimStart()],
  ]);
  if (opts.live) files.set('assets/live.js', LIVE_SCRIPT.trimStart());
  const rows: StackRow[] = [];
  for (const { target, skeleton, build } of builds) {
    const slug = build.profile.stack.slug;
    for (const chapter of chaptersOf(build.trees)) {
      const diagram = `${opts.outDir}/${slug}/examples/${chapter}/${DIAGRAM_FILE}`;
      if (existsSync(diagram)) files.set(`${slug}/examples/${chapter}/${DIAGRAM_FILE}`, readFileSync(diagram));
    }
    for (const [path, emitted] of build.trees) files.set(`${slug}/examples/${path}.html`, examplePage(path, emitted, slug, opts.live));
    files.set(`${slug}/index.html`, await articlePage(skeleton, build, opts.live, files));
    const findings = await checkSkeleton({ skeleton, stack: target.stack, outDir: opts.outDir, profilesDir: opts.profilesDir });
    rows.push(await stackRow(skeleton, build, findings, opts.outDir, headingId));
  }
  files.set('index.html', indexPage(rows, opts.live));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
