import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
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
  /**
   * How long the checks of this content took, in ms: the cost `test-examples --shard` plans
   * with. Measured when the content was first stamped; re-verifying the same content keeps the
   * stamp byte for byte, so the committed out/ does not change on every run.
   */
  ms?: number;
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
    // synchronous reads: hundreds of small files per tree, where a thread-pool round trip each
    // cost more than the reading (check hashes every tree of every stack)
    const info = lstatSync(full, { throwIfNoEntry: false });
    if (!info) continue; // example.json may be missing; the checks report that
    const bytes = info.isSymbolicLink() ? Buffer.from(`symlink:${readlinkSync(full)}`) : readFileSync(full);
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
export async function writeStamp(chapterDir: string, results: CheckResult[], ms?: number): Promise<void> {
  const path = join(chapterDir, STAMP_FILE);
  const ran = new Set(results.map((r) => r.check));
  // the service checks report nothing for a chapter that declares no services
  const complete = CHECK_NAMES.every((name) => ran.has(name) || SERVICE_CHECKS.includes(name));
  if (!complete || results.some((r) => r.status === 'fail')) {
    await rm(path, { force: true });
    return;
  }
  const passed = CHECK_NAMES.filter((name) => results.some((r) => r.check === name && r.status === 'pass'));
  const hash = await treeHash(chapterDir);
  const previous = await readStamp(chapterDir);
  // The same content passing the same checks again: keep the stamp (and its duration) as it is.
  const same = previous?.hash === hash && JSON.stringify(previous.checks) === JSON.stringify(passed);
  if (same && (typeof previous.ms === 'number' || ms === undefined)) return;
  const stamp: TestStamp = { hash, checks: passed, ...(ms !== undefined && { ms: Math.round(ms) }) };
  await writeAtomic(path, `${JSON.stringify(stamp, null, 2)}\n`);
}

async function readStamp(chapterDir: string): Promise<Partial<TestStamp> | undefined> {
  try {
    return JSON.parse(readFileSync(join(chapterDir, STAMP_FILE), 'utf8')) as Partial<TestStamp>;
  } catch {
    return undefined;
  }
}

/** The duration the chapter's stamp records, if it has one (any stamp, matching or not: it is an estimate). */
export async function stampDuration(chapterDir: string): Promise<number | undefined> {
  const ms = (await readStamp(chapterDir))?.ms;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** True when the chapter has a stamp and the tree still hashes to it. */
export async function stampMatches(chapterDir: string): Promise<boolean> {
  const stamp = await readStamp(chapterDir);
  if (stamp === undefined) return false;
  return typeof stamp.hash === 'string' && stamp.hash === (await treeHash(chapterDir));
}
