import { lstat, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { pathKind } from '../util/paths.js';

/**
 * Every folder stackdoc makes in the output (`out/<stack>/`, its staging and backup folders)
 * holds this file. A folder without it is the user's: stackdoc never replaces nor removes it.
 */
export const MARKER = '.stackdoc-output';
export const MARKER_TEXT = 'This folder is written by `stackdoc build`; each build replaces it whole, so files added here by hand are lost.\n';

/** Where a build writes a stack's new output before swapping it in (mkdtemp adds a random tail). */
export const stagingPrefix = (slug: string): string => `.${slug}.stackdoc-staging-`;
/** Where the previous output waits during the swap; the next run restores it if the swap was cut short. */
export const backupName = (slug: string): string => `.${slug}.stackdoc-backup`;

const STAGING = /^\.(.+)\.stackdoc-staging-[A-Za-z0-9]+$/;
const BACKUP = /^\.(.+)\.stackdoc-backup$/;

export async function isMarked(dir: string): Promise<boolean> {
  try {
    return (await lstat(join(dir, MARKER))).isFile();
  } catch {
    return false;
  }
}

/** A folder stackdoc may replace: missing, or a real folder holding the mark. Anything else is refused. */
export async function assertReplaceable(target: string): Promise<void> {
  const kind = pathKind(target, true);
  if (kind === 'missing') return;
  if (kind !== 'folder') {
    const what = kind === 'symlink' ? 'a symbolic link' : 'a file';
    throw new UserError(`${target} is ${what}, not an output folder stackdoc made; it is left as it is. Move it away or choose another --out`);
  }
  if (!(await isMarked(target))) {
    throw new UserError(
      `${target}/ was not made by stackdoc (it has no ${MARKER} file), so it is not replaced and nothing in it is touched. ` +
        `Move it away or choose another --out; if it is the output of an earlier stackdoc version, delete it, or mark it with \`touch ${join(target, MARKER)}\``,
    );
  }
}

/**
 * Removes a folder stackdoc made, its mark last: a removal cut short by a kill leaves a folder
 * that still carries the mark (or an empty one), so the next run can finish the job.
 */
export async function removeMarkedFolder(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name !== MARKER) await rm(join(dir, name), { recursive: true, force: true });
  }
  await rm(join(dir, MARKER), { force: true });
  await rmdir(dir);
}

/** Marked, or empty (a staging folder killed before its mark was written, a removal killed after it). */
async function ours(dir: string): Promise<boolean> {
  if (pathKind(dir, true) !== 'folder') return false;
  return (await isMarked(dir)) || (await readdir(dir)).length === 0;
}

/**
 * Puts right what killed runs left in the output folder; called while holding its lock, so no
 * other run is between its steps. A stack whose folder is missing while its backup is there was
 * killed between the two renames of the swap: the backup (the previous output) goes back. A
 * backup next to its stack's (marked) folder was left by a run killed after the swap: removed. Staging
 * folders are half-written: removed, never shipped. Folders without the mark stay as they are.
 */
export async function tidyOutput(outDir: string, log: (line: string) => void): Promise<void> {
  for (const name of await readdir(outDir)) {
    const path = join(outDir, name);
    const backup = BACKUP.exec(name);
    if (backup !== null && (await ours(path))) {
      const target = join(outDir, backup[1]!);
      const targetKind = pathKind(target, true);
      if (targetKind === 'missing' && (await isMarked(path))) {
        await rename(path, target);
        log(`restored ${target}/ from ${path}/, the previous output a killed build left`);
      } else if (targetKind === 'missing' || (targetKind === 'folder' && (await isMarked(target)))) {
        await removeMarkedFolder(path);
      }
    } else if (STAGING.test(name) && (await ours(path))) {
      await removeMarkedFolder(path);
      log(`removed ${path}/, the unfinished output of a killed build`);
    }
  }
}
