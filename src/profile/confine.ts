import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../util/errors.js';
import { pathKind } from '../util/paths.js';

/**
 * The one rule for reading profiles: every file or folder stackdoc reads under the profiles
 * folder must resolve (fs.realpath, so symlinks and `..` are followed first) to a real path
 * inside the real profiles folder; anything else is refused, naming the file that asked for the
 * read. The layer loader, the stack resolver, the section and example readers and the Liquid
 * engine's file system all read through here, so no reader can forget the check.
 */

/** What asked for a read: a profile file, the skeleton's front-matter, or a command-line flag. */
export interface AskedBy {
  file?: string;
  line?: number;
  column?: number;
  /** Used when there is no file, e.g. `--stack ../x`. */
  what?: string;
}

/** A name given in a value or on the command line for one folder: a layer segment, a chapter. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Whether `name` may name one layer or chapter folder: letters, digits, `_ . -`, no `..`. */
export function isPlainName(name: string): boolean {
  return NAME.test(name) && !name.includes('..');
}

/**
 * Whether a file name found in a profile folder may become a path in an example tree. A
 * backslash is refused because the tree's paths are `/`-separated and a Windows checkout would
 * read `..\\x` as a way up; `..` and control characters for the same reason.
 */
export function isSafeFileName(name: string): boolean {
  return name !== '.' && !name.includes('..') && !/[\\/\u0000-\u001f\u007f]/.test(name);
}

/** Real paths of profiles folders already checked: a build reads a thousand files under one. */
const roots = new Map<string, string>();

/**
 * The real path of the profiles folder; a missing folder or a file there is a usage error. It is
 * resolved once per process: if the folder were swapped for a link meanwhile, paths under the new
 * one would resolve outside the old real path and be refused, never let through.
 */
export function profilesRoot(profilesDir: string): string {
  const known = roots.get(profilesDir);
  if (known !== undefined) return known;
  let real: string;
  try {
    real = realpathSync.native(profilesDir);
  } catch {
    throw new UserError(`no profiles folder at ${profilesDir}; pass --profiles DIR`);
  }
  if (!statSync(real).isDirectory()) throw new UserError(`${profilesDir} is a file, not a profiles folder; pass --profiles DIR`);
  roots.set(profilesDir, real);
  return real;
}

/**
 * What is at `path` once links are followed: `missing`, `file` or `dir`. A path whose real
 * location is outside the profiles folder is refused with `askedBy`'s place.
 */
export function profileEntry(profilesDir: string, path: string, askedBy: AskedBy): 'missing' | 'file' | 'dir' {
  const root = profilesRoot(profilesDir);
  let real: string;
  try {
    // the native call: one realpath(3) instead of an lstat per path component in JavaScript,
    // for every profile file a build reads
    real = realpathSync.native(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // nothing there at all (or a file where a folder of the path belongs), or a link whose target
    // is missing: only lstat tells them apart
    if ((code === 'ENOENT' || code === 'ENOTDIR') && pathKind(path, true) === 'missing') return 'missing';
    const why = code === 'ELOOP' ? 'a loop of symlinks' : code === 'ENOENT' ? 'a symlink to nothing' : `unreadable (${code ?? String(error)})`;
    throw refusal(askedBy, `${subject(path, askedBy)} is ${why}; replace it with a real file or folder inside ${profilesDir}/`);
  }
  if (real !== root && !real.startsWith(root + sep)) {
    const how = real === resolve(path) ? 'is' : `resolves to ${real},`;
    throw refusal(askedBy, `${subject(path, askedBy)} ${how} outside the profiles folder ${profilesDir}/; profiles are read only from inside it: copy the file or folder in instead of linking to it`);
  }
  return statSync(real).isDirectory() ? 'dir' : 'file';
}

/** Reads a profile file as UTF-8 text, confined; a folder where a file belongs is an error. */
export function readProfileText(profilesDir: string, path: string, askedBy: AskedBy): string {
  const entry = profileEntry(profilesDir, path, askedBy);
  if (entry === 'missing') throw refusal(askedBy, `${subject(path, askedBy)} does not exist`);
  if (entry === 'dir') throw refusal(askedBy, `${subject(path, askedBy)} is a folder where a file is expected; remove the folder or put the file there`);
  return readFileSync(path, 'utf8');
}

/** Reads a profile file when it exists (`undefined` otherwise), confined. */
export function readProfileTextIfAny(profilesDir: string, path: string, askedBy: AskedBy): string | undefined {
  return profileEntry(profilesDir, path, askedBy) === 'missing' ? undefined : readProfileText(profilesDir, path, askedBy);
}

/**
 * The names in a profile folder, sorted, each checked: a name that is not safe (a backslash,
 * `..`) or an entry that resolves outside the profiles folder is refused,
 * naming the entry. `kind` of each entry is what its real path is.
 */
export function listProfileDir(profilesDir: string, dir: string): Array<{ name: string; path: string; kind: 'file' | 'dir' }> {
  const out: Array<{ name: string; path: string; kind: 'file' | 'dir' }> = [];
  for (const name of readdirSync(dir).sort()) {
    const path = `${dir}/${name}`;
    if (!isSafeFileName(name)) {
      throw new UserError(`the file name ${JSON.stringify(name)} is not allowed in a profile (no backslashes, no .., no control characters); rename it`, path);
    }
    const kind = profileEntry(profilesDir, path, { file: path });
    if (kind !== 'missing') out.push({ name, path, kind });
  }
  return out;
}

/** `path` relative to the profiles folder, with `/`, when it is inside; for messages. */
export function insideName(profilesDir: string, path: string): string {
  return relative(resolve(profilesDir), resolve(path)).split(sep).join('/');
}

/** How a message names the path: not at all when it is the place itself, else relative to the working folder. */
function subject(path: string, askedBy: AskedBy): string {
  if (askedBy.file === path && askedBy.line === undefined) return 'this path';
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function refusal(askedBy: AskedBy, message: string): UserError {
  if (askedBy.file === undefined) return new UserError(askedBy.what !== undefined ? `${askedBy.what}: ${message}` : message);
  return new UserError(message, askedBy.file, askedBy.line, askedBy.column);
}
