import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Folders that running an app or its tests may leave behind; they are not part of the example,
 * so they never change its hash and are never compared.
 */
export const CACHE_DIRS: ReadonlySet<string> = new Set(['__pycache__', '.pytest_cache', 'node_modules']);

/** Regular files and symlinks under `dir`, as sorted `/`-separated paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  walk(dir, '', out);
  // Plain code-unit order, not localeCompare: the hash must not depend on the machine's locale.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// Synchronous on purpose: `check` lists and hashes thousands of small files of the example trees,
// and a thread-pool round trip per directory and per file made it wait most of its time.
function walk(root: string, rel: string, out: string[]): void {
  const entries = readdirSync(join(root, rel), { withFileTypes: true });
  for (const entry of entries) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!CACHE_DIRS.has(entry.name)) walk(root, path, out);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      out.push(path);
    }
  }
}

/**
 * A path as the tool records and prints it: relative to the working folder with forward slashes
 * and no `./` (`./seeds/x.md`, `seeds//x.md` and `seeds\x.md` on Windows all give `seeds/x.md`),
 * or absolute when it lies outside that folder. So a report names its skeleton the same way
 * however the command line spelled it, and `build --check` compares like with like.
 */
export function normalisedPath(path: string, cwd = process.cwd()): string {
  const full = resolve(cwd, path);
  const rel = relative(cwd, full);
  const outside = rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  return (outside ? full : rel).split(sep).join('/');
}
