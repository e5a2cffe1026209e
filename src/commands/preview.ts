import { join } from 'node:path';
import { buildTargets, type BuildTarget } from '../config.js';
import { writeStackOutput } from '../emit/write-tree.js';
import type { SiteFiles } from '../preview/article-page.js';
import { PREVIEW_DIR, previewSite, type PreviewBuild } from '../preview/site.js';
import { defaultSkeletons, loadSkeleton } from '../skeleton/load.js';
import { buildStack } from '../build.js';
import { UserError } from '../util/errors.js';
import { assertOutputRoot } from '../util/paths.js';
import type { BuildFlags } from './build.js';

interface PreviewFlags {
  stack?: string;
  out: string;
  profiles: string;
  watch?: boolean;
  port: string;
  force?: boolean;
}

/**
 * `stackdoc preview`: a static site under out/preview/ for every build (or one --stack): the
 * stacks × chapters matrix and each article with its holes marked. With --watch it follows
 * `build --watch`, serves the site on 127.0.0.1 and reloads open pages after each rebuild.
 */
export async function previewCommand(skeleton: string | undefined, flags: PreviewFlags): Promise<void> {
  const targets: BuildTarget[] =
    skeleton !== undefined
      ? [{ skeleton, stack: flags.stack }]
      : flags.stack !== undefined
        ? (await defaultSkeletons()).map((s) => ({ skeleton: s, stack: flags.stack }))
        : await buildTargets();
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${flags.port}: give a port number (0 picks a free one)`);
  const site = join(flags.out, PREVIEW_DIR);
  assertOutputRoot(flags.out, { force: flags.force, profilesDir: flags.profiles });

  if (!flags.watch) {
    const builds: PreviewBuild[] = [];
    for (const target of targets) {
      const loaded = await loadSkeleton(target.skeleton);
      builds.push({ target, skeleton: loaded, build: buildStack(loaded, { profilesDir: flags.profiles, stack: target.stack }) });
    }
    const files = await previewSite(builds, { outDir: flags.out, profilesDir: flags.profiles, live: false });
    await writeStackOutput(flags.out, PREVIEW_DIR, files);
    for (const b of builds) console.log(`${site}/${b.build.profile.stack.slug}/index.html: ${b.build.report.summary.unfilled} holes unfilled`);
    console.log(`${site}/index.html: ${builds.length} stack${builds.length === 1 ? '' : 's'}, ${files.size} files`);
    return;
  }

  const { servePreview } = await import('../preview/server.js');
  const { watchBuild } = await import('./watch.js');
  const server = await servePreview(site, port);
  let announced = false;
  let previous: SiteFiles | undefined;
  const buildFlags: BuildFlags = { out: flags.out, profiles: flags.profiles, stack: flags.stack, watch: true, force: flags.force };
  await watchBuild(targets, buildFlags, async (built) => {
    const started = performance.now();
    let changed: boolean;
    try {
      const files = await previewSite(built, { outDir: flags.out, profilesDir: flags.profiles, live: true });
      changed = previous === undefined || !sameFiles(previous, files);
      if (changed) await writeStackOutput(flags.out, PREVIEW_DIR, files);
      previous = files;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      console.error(`[preview] stackdoc: ${error.format()}`);
      return;
    }
    const ms = (performance.now() - started).toFixed(0);
    console.log(`[preview] ${site}/: ${changed ? `${built.length} stack${built.length === 1 ? '' : 's'}` : 'unchanged'}, ${ms} ms`);
    if (!announced) {
      announced = true;
      console.log(`serving ${site}/ at ${server.url} (pages reload when a rebuild changes them)`);
    } else if (changed) server.reload();
  });
}

/** Same paths, same bytes: the open pages have nothing new to show. */
function sameFiles(a: SiteFiles, b: SiteFiles): boolean {
  if (a.size !== b.size) return false;
  for (const [path, content] of b) {
    const old = a.get(path);
    if (old === undefined || !Buffer.from(old).equals(Buffer.from(content))) return false;
  }
  return true;
}
