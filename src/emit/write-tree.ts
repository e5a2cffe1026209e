import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { UserError } from '../util/errors.js';
import { listFiles } from '../util/files.js';
import { assertOutputRoot, pathKind } from '../util/paths.js';
import { writeFileAtomic } from '../util/write.js';
import { withOutputLock } from './output-lock.js';
import { assertReplaceable, backupName, MARKER, MARKER_TEXT, removeMarkedFolder, stagingPrefix, tidyOutput } from './output-mark.js';

/** Files that commands other than build write into the output and a rebuild must keep. */
export const KEPT_FILES = new Set(['test-stamp.json', 'diagram.svg']);

const log = (line: string): void => console.error(`stackdoc: ${line}`);

/**
 * Writes a stack's whole output folder: everything goes into a marked staging folder next to it,
 * then the previous folder is renamed to a backup, the staging folder to the stack's name, and
 * the backup removed. All of it happens under the output folder's lock, so concurrent runs take
 * turns; a run killed at any step leaves either the previous output, or the new one, or a backup
 * that the next run restores (tidyOutput). Test stamps and diagrams of the previous output are
 * carried over (they hash the tree, so a changed tree simply no longer matches its stamp). A
 * folder stackdoc did not make (no mark) is refused, never replaced.
 */
export async function writeStackOutput(outDir: string, slug: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  assertOutputRoot(outDir, { force: true }); // the kind of path; whether it is a sensible place is the command's call
  await mkdir(outDir, { recursive: true });
  await withOutputLock(outDir, async (lock) => {
    await tidyOutput(outDir, log);
    const target = join(outDir, slug);
    await assertReplaceable(target);
    // A rebuild that changes nothing writes nothing: no swap, no file touched (reading the
    // previous output back costs a fraction of writing it again and removing the old copy).
    if (pathKind(target, true) === 'folder' && (await staleFiles(outDir, slug, files)).length === 0) return;
    const staging = await mkdtemp(join(outDir, stagingPrefix(slug)));
    try {
      // Synchronous writes into the staging folder: the folder's rename below is what makes the
      // output appear at once, and a thousand small files cost less without a thread-pool round
      // trip each. A folder is made once.
      writeFileSync(join(staging, MARKER), MARKER_TEXT);
      const made = new Set<string>();
      for (const [path, text] of files) {
        const dest = inside(staging, path);
        const folder = dirname(dest);
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        writeFileSync(dest, text);
      }
      const replacing = existsSync(target);
      if (replacing) {
        for (const path of await listFiles(target)) {
          const name = path.split('/').at(-1)!;
          const dest = join(staging, path);
          if (KEPT_FILES.has(name) && existsSync(dirname(dest))) await copyFile(join(target, path), dest);
        }
      }
      lock.assertHeld();
      const backup = join(outDir, backupName(slug));
      if (replacing) await rename(target, backup);
      try {
        await rename(staging, target);
      } catch (error) {
        // Something made out/<stack> between the renames (a hand, a run that takes no lock):
        // put the previous output back if the place is free, and say what happened.
        if (replacing) await rename(backup, target).catch(() => undefined);
        throw new UserError(`cannot put the new output in place at ${target}/ (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was replaced${existsSync(backup) ? `, the previous output is in ${backup}/ and the next build restores it` : ''}`);
      }
      if (replacing) await removeMarkedFolder(backup);
    } finally {
      if (existsSync(staging)) await removeMarkedFolder(staging);
    }
  });
}

/**
 * Rewrites some files of an existing stack output in place, each atomically (what `--watch` does
 * when only contents changed). Returns false, writing nothing, when there is no output to update.
 */
export async function updateStackFiles(outDir: string, slug: string, files: ReadonlyMap<string, string>): Promise<boolean> {
  if (pathKind(outDir) !== 'folder') return false;
  return withOutputLock(outDir, async () => {
    await tidyOutput(outDir, log);
    const target = join(outDir, slug);
    if (pathKind(target, true) === 'missing') return false;
    await assertReplaceable(target);
    for (const [path, text] of files) await writeFileAtomic(inside(target, path), text);
    return true;
  });
}

/** A path under `root`; a path that would leave it is a bug in a profile, never written. */
function inside(root: string, path: string): string {
  const dest = resolve(root, path);
  if (!dest.startsWith(resolve(root) + sep)) throw new UserError(`refusing to write outside the output folder: ${path}`);
  return dest;
}

/**
 * What differs between the files a build would write (and the mark it adds) and the output
 * folder now. A stack path that is not a folder counts as every file missing.
 */
export async function staleFiles(outDir: string, slug: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<string[]> {
  const target = join(outDir, slug);
  const kind = pathKind(target, true);
  if (kind !== 'folder' && kind !== 'missing') return [`not a folder  ${target}`, ...[...files.keys()].map((path) => `missing  ${join(target, path)}`)];
  const problems: string[] = [];
  const expected = new Map<string, string | Uint8Array>([[MARKER, MARKER_TEXT], ...files]);
  for (const [path, content] of expected) {
    const full = join(target, path);
    const fileKind = pathKind(full, true);
    if (fileKind === 'missing') problems.push(`missing  ${full}`);
    // synchronous: a thousand small files, where a thread-pool round trip each costs more than the read
    else if (fileKind !== 'file' || !readFileSync(full).equals(typeof content === 'string' ? Buffer.from(content) : content)) problems.push(`stale    ${full}`);
  }
  for (const path of kind === 'folder' ? await listFiles(target) : []) {
    if (!expected.has(path) && !KEPT_FILES.has(path.split('/').at(-1)!)) problems.push(`extra    ${join(target, path)}`);
  }
  return problems;
}
