import { lstatSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, parse, relative, resolve, sep } from 'node:path';
import { UserError } from './errors.js';

/** What a path is on disk; a symlink is reported as what it points to unless `noFollow`. */
export type PathKind = 'missing' | 'folder' | 'file' | 'symlink' | 'other';

export function pathKind(path: string, noFollow = false): PathKind {
  try {
    const st = noFollow ? lstatSync(path) : statSync(path);
    if (st.isSymbolicLink()) return 'symlink';
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** The nearest existing ancestor of `path` that is not a folder (so `path` cannot be created), if any. */
export function blockingAncestor(path: string): string | undefined {
  let dir = dirname(resolve(path));
  for (;;) {
    const kind = pathKind(dir);
    if (kind === 'folder') return undefined;
    if (kind !== 'missing') return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * A file a command writes (`migrate -o`, `check --output`, a baseline): it must be a file or
 * nothing yet, under folders that can hold it. Checked before the work, so a wrong path costs
 * no build and never ends in EISDIR/ENOTDIR.
 */
export function assertFileTarget(path: string, option: string): void {
  const kind = pathKind(path);
  if (kind === 'folder') throw new UserError(`${option} ${path} is a folder; give the path of a file to write, such as ${path.replace(/\/+$/, '')}/<file name>`);
  if (kind === 'other') throw new UserError(`${option} ${path} is not a regular file; give the path of a file to write`);
  const blocker = blockingAncestor(path);
  if (blocker !== undefined) throw new UserError(`${option} ${path}: ${blocker} is a file, not a folder, so ${path} cannot be created; give another path`);
}

/** A folder a command reads (`check --out`, `test-examples --out`): a folder or nothing yet. */
export function assertFolderOrMissing(path: string, option: string): void {
  const kind = pathKind(path);
  if (kind !== 'folder' && kind !== 'missing') throw new UserError(`${option} ${path} is a file, not a folder; give the output folder (the default is out)`);
}

/**
 * The output folder of `build` and `preview`: a folder or nothing yet, and not a folder whose
 * other contents a folder per stack would be mixed into (`/`, the home folder, the working folder
 * or a folder above it, a folder holding the profiles) unless the user says `--force`.
 */
export function assertOutputRoot(out: string, opts: { force?: boolean; profilesDir?: string }): void {
  const kind = pathKind(out);
  if (kind === 'file' || kind === 'other') throw new UserError(`--out ${out} is a file, not a folder; give a folder for the output (the default is out)`);
  if (kind === 'missing') {
    const blocker = blockingAncestor(out);
    if (blocker !== undefined) throw new UserError(`--out ${out}: ${blocker} is a file, not a folder, so ${out} cannot be created; give another folder`);
    return; // a folder that does not exist yet holds nothing of the user's
  }
  if (opts.force) return;
  const real = realpathSync(out);
  const what = sensitiveFolder(real, opts.profilesDir);
  if (what !== undefined) {
    throw new UserError(
      `--out ${out} is ${what} (${real}); stackdoc writes a folder per stack there, among everything else it holds. ` +
        'Give a folder of its own (the default is out), or add --force if you mean it',
    );
  }
}

function sensitiveFolder(real: string, profilesDir: string | undefined): string | undefined {
  if (parse(real).root === real) return 'the root folder';
  const home = realOrSelf(homedir());
  if (real === home) return 'your home folder';
  const cwd = realOrSelf(process.cwd());
  if (real === cwd) return 'the working folder';
  if (isInside(cwd, real)) return 'a folder above the working folder';
  if (profilesDir !== undefined && pathKind(profilesDir) === 'folder' && (isInside(realOrSelf(profilesDir), real) || realOrSelf(profilesDir) === real)) {
    return 'the profiles folder or a folder above it';
  }
  return undefined;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `path` lies strictly inside `folder` (both absolute and real). */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
