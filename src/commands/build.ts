import { buildStack, type BuildResult } from '../build.js';
import { buildTargets, type BuildTarget } from '../config.js';
import { withOutputLock } from '../emit/output-lock.js';
import { staleFiles, writeStackOutput } from '../emit/write-tree.js';
import { formatHolesText } from '../report/holes.js';
import { buildsOfShard, currentShard, shardLine } from '../shard/select.js';
import { defaultSkeletons, loadSkeleton } from '../skeleton/load.js';
import type { Skeleton } from '../skeleton/parse.js';
import { assertFolderOrMissing, assertOutputRoot, pathKind } from '../util/paths.js';

export interface BuildFlags {
  stack?: string;
  out: string;
  profiles: string;
  dryRun?: boolean;
  check?: boolean;
  strict?: boolean;
  watch?: boolean;
  force?: boolean;
  /** INDEX/TOTAL: make only this shard's builds (default: GitLab's CI_NODE_INDEX/CI_NODE_TOTAL). */
  shard?: string;
}

/** `stackdoc build`: fill, emit, and write out/<slug>/ (or only compare, with --check). */
export async function buildCommand(skeleton: string | undefined, flags: BuildFlags): Promise<void> {
  const shard = currentShard(flags.shard);
  const all: BuildTarget[] =
    skeleton !== undefined
      ? [{ skeleton, stack: flags.stack }]
      : flags.stack !== undefined
        ? (await defaultSkeletons()).map((s) => ({ skeleton: s, stack: flags.stack }))
        : await buildTargets();
  // A shard makes and checks only its builds, and never touches the other stacks' folders.
  const targets = buildsOfShard(all, shard);
  if (shard !== undefined) console.log(shardLine(shard, targets.length, all.length, all.length === 1 ? 'build' : 'builds'));
  // A wrong --out fails before the work, not after it.
  if (flags.check || flags.dryRun) assertFolderOrMissing(flags.out, '--out');
  else assertOutputRoot(flags.out, { force: flags.force, profilesDir: flags.profiles });
  if (flags.watch) {
    const { watchBuild } = await import('./watch.js');
    return watchBuild(targets, flags);
  }
  let unfilled = 0;
  let stale = 0;
  // builds of one skeleton for several stacks parse it once
  const skeletons = new Map<string, Promise<Skeleton>>();
  for (const target of targets) {
    const result = await buildOne(target, flags, skeletons);
    unfilled += result.report.summary.unfilled;
    const dir = `${flags.out}/${result.profile.stack.slug}`;
    if (flags.check) {
      // read under the output folder's lock: a build swapping the folder meanwhile would mix two outputs
      const compare = () => staleFiles(flags.out, result.profile.stack.slug, result.files);
      const problems = pathKind(flags.out) === 'folder' ? await withOutputLock(flags.out, compare) : await compare();
      stale += problems.length;
      console.log(problems.length === 0 ? `${dir}: up to date` : `${dir}: out of date\n${problems.map((p) => `  ${p}`).join('\n')}`);
      continue;
    }
    if (!flags.dryRun) await writeStackOutput(flags.out, result.profile.stack.slug, result.files);
    printSummary(result, dir, Boolean(flags.dryRun));
    if (flags.dryRun) {
      console.log(`\nwould write ${dir}/ (${result.files.size} files):`);
      for (const [path, text] of result.files) console.log(`  ${dir}/${path}  ${Buffer.byteLength(text)} bytes`);
    }
  }
  if (flags.check && stale > 0) {
    console.log('\nRun `stackdoc build` and commit the output.');
    process.exitCode = 1;
  } else if (flags.strict && unfilled > 0) process.exitCode = 1;
}

const warned = new WeakSet<object>();

/** One build; `skeletons` holds the skeletons parsed so far, so builds of one skeleton parse it once. */
export async function buildOne(target: BuildTarget, flags: Pick<BuildFlags, 'profiles'>, skeletons = new Map<string, Promise<Skeleton>>()): Promise<BuildResult> {
  let parsed = skeletons.get(target.skeleton);
  if (parsed === undefined) skeletons.set(target.skeleton, (parsed = loadSkeleton(target.skeleton)));
  const skeleton = await parsed;
  // the warnings of a skeleton shared by several builds are printed once
  if (!warned.has(skeleton)) for (const w of skeleton.warnings) console.error(`${w.file}:${w.line}:${w.column}: warning: ${w.message}`);
  warned.add(skeleton);
  return buildStack(skeleton, { profilesDir: flags.profiles, stack: target.stack });
}

function printSummary(result: BuildResult, dir: string, dryRun: boolean): void {
  const { summary, unfilled, layers } = result.report;
  const trees = new Set([...result.trees.keys()].map((k) => k.split('/').slice(0, 2).join('/'))).size;
  console.log(`${dryRun ? 'would build' : 'built'} ${dir}/article.md from ${result.report.skeleton}`);
  console.log(`  layers: ${layers.join(' → ')}`);
  console.log(`  holes: ${summary.holes}, filled ${summary.filled}, removed ${summary.removed} (by front-matter conditions or authoring blocks), unfilled ${summary.unfilled}`);
  console.log(`  example trees: ${trees}`);
  if (unfilled.length > 0) {
    console.log(`\nUnfilled holes (also in ${dir}/report.json):`);
    console.log(formatHolesText(unfilled, { files: 1, reason: (r) => (r as { reason?: string }).reason }).replace(/^/gm, '  '));
  }
}
