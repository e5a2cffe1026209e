import { createHash } from 'node:crypto';
import { readFile, readlink, lstat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from './cache.js';
import { MANIFEST_FILE } from './manifest.js';
import { listFiles } from '../util/files.js';
import { CHECK_NAMES, SERVICE_CHECKS, VARIANTS, type CheckName, type CheckResult } from './types.js';

/**
 * test-stamp.json says "this chapter tree, byte for byte, passed these checks". The CI gate
 * compares the hash instead of rerunning the checks, so any edit after verification shows up.
 */
export interface TestStamp {
  hash: string;
  checks: CheckName[];
}

export const STAMP_FILE = 'test-stamp.json';

/**
 * sha256 over the chapter's content: for each file of stapel/**, dockerfile/** and example.json,
 * in sorted path order, its path, its size and its bytes (symlinks: their target). Size and NUL
 * separators make the encoding unambiguous. The stamp itself and caches are left out.
 */
export async function treeHash(chapterDir: string): Promise<string> {
  const hash = createHash('sha256');
  const paths: string[] = [];
  for (const variant of VARIANTS) {
    const files = await listFiles(join(chapterDir, variant)).catch(() => []);
    paths.push(...files.map((file) => `${variant}/${file}`));
  }
  paths.push(MANIFEST_FILE);
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const path of paths) {
    const full = join(chapterDir, path);
    const info = await lstat(full).catch(() => undefined);
    if (!info) continue; // example.json may be missing; the checks report that
    const bytes = info.isSymbolicLink() ? Buffer.from(`symlink:${await readlink(full)}`) : await readFile(full);
    hash.update(`${path}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/**
 * `results` are this chapter's, as verifyChapter returned them.
 * Writes the stamp when every check ran and none failed (skips count as ran: a check that does
 * not apply cannot pass). Otherwise removes a stamp left from an earlier run, so a tree that now
 * fails is never reported as verified. Atomic: temp file, then rename.
 */
export async function writeStamp(chapterDir: string, results: CheckResult[]): Promise<void> {
  const path = join(chapterDir, STAMP_FILE);
  const ran = new Set(results.map((r) => r.check));
  // the service checks report nothing for a chapter that declares no services
  const complete = CHECK_NAMES.every((name) => ran.has(name) || SERVICE_CHECKS.includes(name));
  if (!complete || results.some((r) => r.status === 'fail')) {
    await rm(path, { force: true });
    return;
  }
  const passed = CHECK_NAMES.filter((name) => results.some((r) => r.check === name && r.status === 'pass'));
  const stamp: TestStamp = { hash: await treeHash(chapterDir), checks: passed };
  await writeAtomic(path, `${JSON.stringify(stamp, null, 2)}\n`);
}

/** True when the chapter has a stamp and the tree still hashes to it. */
export async function stampMatches(chapterDir: string): Promise<boolean> {
  let stamp: Partial<TestStamp>;
  try {
    stamp = JSON.parse(await readFile(join(chapterDir, STAMP_FILE), 'utf8')) as Partial<TestStamp>;
  } catch {
    return false;
  }
  return typeof stamp.hash === 'string' && stamp.hash === (await treeHash(chapterDir));
}
