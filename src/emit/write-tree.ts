import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { UserError } from '../util/errors.js';
import { listFiles } from '../util/files.js';

/** Files that commands other than build write into the output and a rebuild must keep. */
export const KEPT_FILES = new Set(['test-stamp.json', 'diagram.svg']);

/**
 * Writes a stack's whole output folder atomically: everything goes into a staging folder next to
 * it, then one rename swaps it in. An interrupted build leaves the previous output as it was.
 * Test stamps of the previous output are carried over (they hash the tree, so a changed tree
 * simply no longer matches its stamp).
 */
export async function writeStackOutput(outDir: string, slug: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const target = join(outDir, slug);
  const staging = join(outDir, `.${slug}.tmp-${process.pid}`);
  const old = join(outDir, `.${slug}.old-${process.pid}`);
  await mkdir(outDir, { recursive: true });
  await removeLeftovers(outDir, slug);
  try {
    for (const [path, text] of files) {
      const dest = inside(staging, path);
      await mkdir(dirname(dest), { recursive: true });
      await writeFile(dest, text);
    }
    if (existsSync(target)) {
      for (const path of await listFiles(target)) {
        const name = path.split('/').at(-1)!;
        const dest = join(staging, path);
        if (KEPT_FILES.has(name) && existsSync(dirname(dest))) await copyFile(join(target, path), dest);
      }
      await rename(target, old);
    }
    await rename(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}

/** Staging folders of builds that were killed midway. */
async function removeLeftovers(outDir: string, slug: string): Promise<void> {
  for (const name of await readdir(outDir)) {
    if (name.startsWith(`.${slug}.tmp-`) || name.startsWith(`.${slug}.old-`)) await rm(join(outDir, name), { recursive: true, force: true });
  }
}

/** A path under `root`; a path that would leave it is a bug in a profile, never written. */
function inside(root: string, path: string): string {
  const dest = resolve(root, path);
  if (!dest.startsWith(resolve(root) + sep)) throw new UserError(`refusing to write outside the output folder: ${path}`);
  return dest;
}

/** What differs between the files a build would write and the output folder now. */
export async function staleFiles(outDir: string, slug: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const target = join(outDir, slug);
  const problems: string[] = [];
  for (const [path, text] of files) {
    const full = join(target, path);
    if (!existsSync(full)) problems.push(`missing  ${join(target, path)}`);
    else if ((await readFile(full, 'utf8')) !== text) problems.push(`stale    ${join(target, path)}`);
  }
  for (const path of existsSync(target) ? await listFiles(target) : []) {
    if (!files.has(path) && !KEPT_FILES.has(path.split('/').at(-1)!)) problems.push(`extra    ${join(target, path)}`);
  }
  return problems;
}
