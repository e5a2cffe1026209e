import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from './errors.js';
import { blockingAncestor } from './paths.js';

/**
 * Writes a file atomically: a temp file in the same folder, then a rename over the target, so
 * readers see the old content or the new, never half of it (even with concurrent writers).
 * A target of the wrong kind (a folder, or a file where a folder must be) is a UserError naming
 * the path, never EISDIR/ENOTDIR.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, data, mode === undefined ? undefined : { mode });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw wrongKind(error, path) ?? error;
  }
}

function wrongKind(error: unknown, path: string): UserError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR' || code === 'ENOTEMPTY') return new UserError(`${path} is a folder; cannot write a file there. Give the path of a file`);
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const blocker = blockingAncestor(path);
    return new UserError(`cannot write ${path}: ${blocker ?? 'a folder on its path'} is a file, not a folder`);
  }
  return undefined;
}
