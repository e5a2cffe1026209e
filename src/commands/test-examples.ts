import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stackFolderName } from '../profile/stack.js';
import { currentShard, shardLine } from '../shard/select.js';
import { treesOfShard } from '../shard/trees.js';
import { UserError } from '../util/errors.js';
import { assertFolderOrMissing } from '../util/paths.js';

interface TestExamplesFlags {
  stack?: string;
  chapter?: string;
  out: string;
  profiles: string;
  timings?: boolean;
  /** INDEX/TOTAL: only this shard's chapter trees (default: GitLab's CI_NODE_INDEX/CI_NODE_TOTAL). */
  shard?: string;
}

/**
 * `stackdoc test-examples`: verifies every example tree in the output folder offline and runs
 * its app, a line per check, then a summary. A chapter whose checks all pass gets a test stamp.
 * Exit 1 on any failure, 2 when a tool is missing (the message names the package).
 */
export async function testExamplesCommand(flags: TestExamplesFlags): Promise<void> {
  const shard = currentShard(flags.shard);
  const all = listChapters(flags);
  const chapters = await treesOfShard(all, flags.out, shard);
  if (shard !== undefined) {
    console.log(shardLine(shard, chapters.length, all.length, 'example trees'));
    if (chapters.length === 0) return; // more shards than trees: this one has nothing to do
  }
  let failed = 0;
  let passed = 0;
  const started = Date.now();
  const timings = new Map<string, number>();
  const timed = (check: string, ms: number) => timings.set(check, (timings.get(check) ?? 0) + ms);
  const { stopSharedServices } = await import('../verify/index.js');
  try {
    for (const [i, dir] of chapters.entries()) {
      console.log(`[${i + 1}/${chapters.length}] ${dir}`);
      if (await testChapter(dir, flags.out, timed)) passed++;
      else failed++;
    }
  } finally {
    // servers the chapters share (Redis, PostgreSQL) are started once per run and stopped here, by pid
    for (const line of await stopSharedServices()) console.log(line);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${chapters.length} example tree${chapters.length === 1 ? "" : "s"}: ${passed} passed, ${failed} failed (${seconds} s)`);
  if (flags.timings) {
    // where the run's time went, slowest check first (summed over every tree)
    console.log('time per check, all trees:');
    for (const [check, ms] of [...timings].sort((a, b) => b[1] - a[1])) console.log(`  ${check.padEnd(16)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
  }
  if (failed > 0) process.exitCode = 1;
}

/**
 * One chapter: its checks line by line, its diagram, and its test stamp when all passed. The
 * diagram and the stamp are written under the output folder's lock, and only if the tree is still
 * the one the checks saw: a build that replaced it meanwhile must not get the stamp. Holding the
 * lock only for the writes lets shards of one run share an output folder.
 */
async function testChapter(dir: string, outDir: string, timed: (check: string, ms: number) => void): Promise<boolean> {
  const started = performance.now();
  const { verifyChapter, writeStamp, treeHash, MissingToolError } = await import('../verify/index.js');
  const { withOutputLock } = await import('../emit/output-lock.js');
  const seen = await treeHash(dir);
  let results;
  try {
    results = await verifyChapter(dir, {
      onCheckTimed: timed,
      onResult: (r) => {
        const mark = r.status === 'pass' ? 'pass' : r.status === 'fail' ? 'FAIL' : 'skip';
        const where = r.file ? `  (${r.file}${r.line ? `:${r.line}` : ''})` : '';
        console.log(`  ${mark}  ${r.variant.padEnd(10)}  ${r.check.padEnd(16)}  ${r.message}${where}`);
      },
    });
  } catch (error) {
    if (error instanceof MissingToolError) {
      throw new UserError(`${error.tool} is missing: install it with \`${error.install}\` (or run scripts/install-deps.sh)`);
    }
    throw error;
  }
  const bad = results.filter((r) => r.status === 'fail').length;
  const ms = performance.now() - started;
  return withOutputLock(outDir, async () => {
    if ((await treeHash(dir).catch(() => undefined)) !== seen) {
      console.log(`  the tree changed while it was tested (a build replaced it); no diagram, no test stamp: run test-examples again`);
      return false;
    }
    // The chapter's diagram is drawn from the same render the checks just looked at.
    const { drawChapterDiagram } = await import('../diagram/draw.js');
    const drawn = await drawChapterDiagram(dir);
    console.log(drawn.status === 'drawn' ? `  diagram: ${drawn.file}` : `  no diagram: ${drawn.reason}`);
    if (bad > 0) {
      console.log(`  ${bad} check${bad === 1 ? '' : 's'} failed; no test stamp`);
      return false;
    }
    await writeStamp(dir, results, ms);
    console.log(`  ok: test stamp written (${join(dir, 'test-stamp.json')})`);
    return true;
  });
}

/** out/<stack>/examples/<chapter> folders, narrowed by --stack and --chapter. */
function listChapters(flags: TestExamplesFlags): string[] {
  if (!existsSync(flags.out)) throw new UserError(`no output folder ${flags.out}/; run \`stackdoc build\` first`);
  assertFolderOrMissing(flags.out, '--out');
  const stacks = readdirSync(flags.out).filter((s) => !s.startsWith('.') && existsSync(join(flags.out, s, 'examples'))).sort();
  // --stack takes the same forms as for build (node, python/flask, a layer path, a folder name)
  const built = `built: ${stacks.join(', ') || 'none'}`;
  let wanted = flags.stack;
  if (flags.stack !== undefined && !stacks.includes(flags.stack)) {
    try {
      wanted = stackFolderName(flags.profiles, flags.stack);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new UserError(`no stack ${flags.stack} in ${flags.out}/ (${built}); --stack takes layers (node, python/flask) or a folder name: ${error.message}`);
    }
  }
  if (wanted !== undefined && !stacks.includes(wanted)) {
    throw new UserError(`no stack ${wanted}${wanted !== flags.stack ? ` (--stack ${flags.stack})` : ''} in ${flags.out}/ (${built}); build it first: stackdoc build --stack ${flags.stack}`);
  }
  const chapters: string[] = [];
  for (const stack of stacks.filter((s) => wanted === undefined || s === wanted)) {
    for (const chapter of readdirSync(join(flags.out, stack, 'examples')).sort()) {
      if (flags.chapter === undefined || chapter === flags.chapter) chapters.push(join(flags.out, stack, 'examples', chapter));
    }
  }
  if (chapters.length === 0) throw new UserError(`no example trees to test in ${flags.out}/${flags.chapter ? ` for chapter ${flags.chapter}` : ''}`);
  return chapters;
}
