import { watch } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { buildStack, prepareStack, type BuildResult, type PreparedStack } from '../build.js';
import type { BuildTarget } from '../config.js';
import type { Skeleton } from '../skeleton/parse.js';
import { staleFiles, updateStackFiles, writeStackOutput } from '../emit/write-tree.js';
import { loadSkeleton } from '../skeleton/load.js';
import { UserError } from '../util/errors.js';
import type { BuildFlags } from './build.js';

/** What a rebuild made, for a command that follows the watch (`preview --watch`). */
export interface RebuiltStack {
  target: BuildTarget;
  skeleton: Skeleton;
  build: BuildResult;
}

interface Watched {
  target: BuildTarget;
  prepared?: PreparedStack;
  frontMatter?: string;
  files?: ReadonlyMap<string, string>;
}

/**
 * `stackdoc build --watch`: rebuilds when a skeleton or any profile file changes. A skeleton edit
 * reuses the prepared stack (profile, templates, example trees) unless its front-matter changed;
 * a profile edit prepares the stacks again. Errors are printed and the watch goes on.
 */
export async function watchBuild(targets: BuildTarget[], flags: BuildFlags, onRebuilt?: (built: RebuiltStack[]) => Promise<void>): Promise<void> {
  const watched: Watched[] = targets.map((target) => ({ target }));
  const changed = new Set<string>();
  let profilesChanged = true;
  let timer: NodeJS.Timeout | undefined;

  const rebuild = async (): Promise<void> => {
    const what = [...changed].join(', ') || 'start';
    changed.clear();
    const built: RebuiltStack[] = [];
    for (const w of watched) {
      const started = performance.now();
      try {
        const skeleton = await loadSkeleton(w.target.skeleton);
        const fm = JSON.stringify(skeleton.frontMatter?.data ?? null);
        if (profilesChanged || fm !== w.frontMatter || w.prepared === undefined) {
          w.prepared = prepareStack(skeleton, { profilesDir: flags.profiles, stack: w.target.stack });
          w.frontMatter = fm;
        }
        const result = buildStack(skeleton, { profilesDir: flags.profiles, stack: w.target.stack }, w.prepared);
        // The first time, compare with what is on disk: a watch started on fresh output writes nothing.
        const diff = w.files === undefined
          ? (await staleFiles(flags.out, result.profile.stack.slug, result.files)).length
          : [...result.files].filter(([path, text]) => w.files?.get(path) !== text).length;
        const samePaths = w.files !== undefined && w.files.size === result.files.size && [...result.files.keys()].every((k) => w.files!.has(k));
        const changedFiles = new Map([...result.files].filter(([path, text]) => w.files?.get(path) !== text));
        // Only contents changed (usually just the article and its report): replace those files
        // one by one, each atomically, instead of swapping the whole output folder.
        if (diff > 0 && samePaths && (await updateStackFiles(flags.out, result.profile.stack.slug, changedFiles))) {
          // written
        } else if (diff > 0) {
          await writeStackOutput(flags.out, result.profile.stack.slug, result.files);
        }
        w.files = result.files;
        built.push({ target: w.target, skeleton, build: result });
        const ms = (performance.now() - started).toFixed(0);
        const { summary } = result.report;
        console.log(`[${what}] ${flags.out}/${result.profile.stack.slug}: ${diff} file${diff === 1 ? '' : 's'} changed, ${summary.unfilled} holes unfilled, ${ms} ms`);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        console.error(`[${what}] stackdoc: ${error.format()}`);
        w.prepared = undefined;
      }
    }
    profilesChanged = false;
    if (onRebuilt !== undefined && built.length > 0) await onRebuilt(built);
  };

  const schedule = (name: string): void => {
    changed.add(name);
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), 60); // editors write a file in several steps
  };

  await rebuild();
  watch(flags.profiles, { recursive: true }, (_event, file) => {
    profilesChanged = true;
    schedule(`${flags.profiles}/${file ?? ''}`);
  });
  // Watch the folder, not the file: editors often save by writing a new file and renaming it.
  for (const dir of new Set(targets.map((t) => dirname(resolve(t.skeleton))))) {
    watch(dir, (_event, file) => {
      const hit = targets.find((t) => resolve(t.skeleton) === resolve(dir, file ?? ''));
      if (hit !== undefined) schedule(basename(hit.skeleton));
    });
  }
  console.log(`watching ${[...new Set(targets.map((t) => t.skeleton))].join(', ')} and ${flags.profiles}/ (Ctrl-C to stop)`);
  await new Promise(() => undefined);
}
