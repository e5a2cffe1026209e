import type { Liquid } from 'liquidjs';
import { planChapters, type ChapterPlan } from './emit/chapter-inheritance.js';
import { chaptersOf, renderExamples, runManifest, findRegion, type ExampleTrees } from './emit/examples.js';
import { findAuthoringBlocks, holesInAuthoring, type AuthoringBlock } from './fill/authoring.js';
import { stateStack, type FrontMatterChange } from './fill/front-matter.js';
import { resolveHole, type FillContext, type Resolution } from './fill/resolve.js';
import { splice, stampFrontMatter } from './fill/splice.js';
import { createLiquid } from './profile/liquid.js';
import { loadProfile } from './profile/load.js';
import { missingDimensionHint, resolveStack } from './profile/stack.js';
import type { Stack } from './profile/types.js';
import { UserError } from './util/errors.js';
import type { Profile } from './profile/types.js';
import { toRecord, type HoleRecord } from './report/holes.js';
import { locateFrontMatter } from './skeleton/frontmatter.js';
import type { Skeleton } from './skeleton/parse.js';
import { lineEnding, withLineEnding } from './skeleton/source.js';
import type { Hole } from './skeleton/types.js';

/** One line of the build report: a hole and what answered it. */
export interface FillRecord {
  id: string;
  kind: Hole['kind'];
  line: number;
  how: Exclude<Resolution['how'], 'unfilled'>;
  layer?: string;
  file?: string;
  reason?: string;
}

/** The machine-readable report written next to the article. */
export interface BuildReport {
  skeleton: string;
  stack: string;
  layers: string[];
  filled: FillRecord[];
  unfilled: Array<HoleRecord & { reason: string }>;
  /** Front-matter keys changed to name this stack (fill/front-matter.ts). */
  frontMatter: FrontMatterChange[];
  /** Authoring-only blocks left out of the article (fill/authoring.ts): skeleton lines and the holes in them. */
  authoring: Array<{ line: number; endLine: number; holes: string[] }>;
  summary: { holes: number; filled: number; removed: number; unfilled: number };
}

/** Everything a build makes, in memory: the files to write under out/<slug>/ and what they mean. */
export interface BuildResult {
  profile: Profile;
  article: string;
  report: BuildReport;
  trees: ExampleTrees;
  /** Path under out/<slug>/ → content. */
  files: Map<string, string>;
  resolutions: Map<Hole, Resolution>;
  /** The skeleton's authoring-only blocks, which the article leaves out. */
  authoring: AuthoringBlock[];
}

export interface BuildOptions {
  profilesDir: string;
  stack?: string;
}

/** A stack made ready to fill skeletons: merged profile, Liquid engine and rendered example trees. */
export interface PreparedStack {
  profile: Profile;
  liquid: Liquid;
  trees: ExampleTrees;
  scope: object;
  /** Which chapter builds on which, and the values each chapter's tree sees. */
  chapters: Map<string, ChapterPlan>;
  /** Rendered sections by file: they depend only on the profile, so a rebuild reuses them. */
  sections: Map<string, string>;
}

/**
 * Loads the stack's layers and renders its example trees. This depends only on the profiles and
 * the skeleton's front-matter, so a watch loop keeps it while the skeleton's body changes.
 */
export function prepareStack(skeleton: Skeleton, opts: BuildOptions): PreparedStack {
  const stack = resolveStack(opts.profilesDir, skeleton.source.path, skeleton.frontMatter, opts.stack);
  const profile = loadProfile(stack);
  const scope = { ...profile.values, stack: { slug: stack.slug, layers: stack.layers.map((l) => l.name) } };
  let trees: ExampleTrees = new Map();
  const liquid = createLiquid(opts.profilesDir, (f, region) => findRegion(trees, f, region));
  const chapters = planChapters(profile);
  trees = withDimensionHint(stack, () => renderExamples(chapters, liquid, scope, opts.profilesDir));
  return { profile, liquid, trees, scope, chapters, sections: new Map() };
}

/** parse → resolve profile → render examples → fill → assemble; no I/O beyond reading profiles. */
export function buildStack(skeleton: Skeleton, opts: BuildOptions, prepared = prepareStack(skeleton, opts)): BuildResult {
  const { profile, liquid, trees, scope, sections } = prepared;
  const { stack } = profile;
  const file = skeleton.source.path;
  const ctx: FillContext = { profile, liquid, trees, scope, sections, frontMatter: skeleton.frontMatter?.data ?? {}, skeletonFile: file };

  const authoring = findAuthoringBlocks(skeleton);
  const inAuthoring = holesInAuthoring(authoring, skeleton.holes);
  const resolutions = new Map<Hole, Resolution>();
  // What fills a hole is written with the skeleton's line endings (sections and example files are
  // usually LF), so the article has one style; the skeleton's own bytes are never touched.
  const eol = lineEnding(skeleton.source.text);
  for (const hole of skeleton.holes) {
    const block = inAuthoring.get(hole);
    const r: Resolution = block !== undefined
      ? { how: 'removed', text: '', reason: `inside the authoring block of lines ${block.line}–${block.endLine}, which the article leaves out` }
      : withDimensionHint(stack, () => resolveHole(hole, ctx));
    resolutions.set(hole, r.how === 'unfilled' || r.how === 'removed' ? r : { ...r, text: withLineEnding(r.text, eol) });
  }
  const replacements = skeleton.holes.map((hole) => {
    const r = resolutions.get(hole)!;
    return { hole, text: r.how === 'unfilled' ? undefined : r.text };
  });
  const spliced = splice(skeleton.source.text, replacements, authoring);
  const stated = stateStack(spliced, profile, file);
  const layers = stack.layers.map((l) => l.name);
  const fm = locateFrontMatter(stated.article);
  const article = (skeleton.source.bom ? '\uFEFF' : '') + stampFrontMatter(stated.article, fm?.end, layers);

  const report = makeReport(skeleton, stack.slug, layers, resolutions);
  report.frontMatter = [...stated.changes, { key: 'stackdoc_layers', to: layers }];
  report.authoring = authoring.map((b) => ({
    line: b.line, endLine: b.endLine,
    holes: [...inAuthoring].filter(([, block]) => block === b).map(([h]) => h.id),
  }));
  const files = new Map<string, string>([
    ['article.md', article],
    ['report.json', `${JSON.stringify(report, null, 2)}\n`],
  ]);
  for (const chapter of chaptersOf(trees)) files.set(`examples/${chapter}/example.json`, runManifest(prepared.chapters.get(chapter)!.values));
  for (const [path, emitted] of trees) files.set(`examples/${path}`, emitted.text);
  return { profile, article, report, trees, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), resolutions, authoring };
}

/**
 * A template's undefined variable is often a whole dimension the stack lacks (`--stack go` with
 * no package manager): say so, with the layers that would set it, instead of only the name.
 */
function withDimensionHint<T>(stack: Stack, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const variable = error instanceof UserError ? /undefined variable: ([\w.]+)/.exec(error.message)?.[1] : undefined;
    const hint = variable !== undefined ? missingDimensionHint(stack, variable) : undefined;
    if (hint === undefined) throw error;
    const e = error as UserError;
    throw new UserError(`${e.message.replace(/; define it in a layer's values\.yaml or fix the name$/, '')}; ${hint}`, e.file, e.line, e.column);
  }
}

function makeReport(skeleton: Skeleton, slug: string, layers: string[], resolutions: Map<Hole, Resolution>): BuildReport {
  const filled: FillRecord[] = [];
  const unfilled: BuildReport['unfilled'] = [];
  for (const [hole, r] of resolutions) {
    if (r.how === 'unfilled') {
      unfilled.push({ ...toRecord(skeleton.source.path, hole), reason: r.reason });
    } else if (r.how === 'removed') {
      filled.push({ id: hole.id, kind: hole.kind, line: hole.line, how: r.how, reason: r.reason });
    } else {
      filled.push({ id: hole.id, kind: hole.kind, line: hole.line, how: r.how, layer: r.origin.layer, file: r.origin.file });
    }
  }
  const removed = filled.filter((f) => f.how === 'removed').length;
  return {
    skeleton: skeleton.source.path,
    stack: slug,
    layers,
    filled,
    unfilled,
    frontMatter: [],
    authoring: [],
    summary: { holes: resolutions.size, filled: filled.length - removed, removed, unfilled: unfilled.length },
  };
}
