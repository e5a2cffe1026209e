import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CHECK_NAMES, verifyChapter, type CheckName, type CheckResult } from '../../src/verify/index.js';

export const FIXTURES = join(import.meta.dirname, '../fixtures/verify');

/** A fresh copy of a fixture chapter, so runs never touch (or depend on) the fixture folder. */
export function chapterCopy(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'stackdoc-verify-')), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** A chapter made of the given files (path → content), for tests about one file. */
export function chapterOf(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'stackdoc-verify-')), 'chapter');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function removeCopy(chapterDir: string): void {
  rmSync(join(chapterDir, '..'), { recursive: true, force: true });
}

/** One edit of a defect fixture: `find` must occur exactly once in `file`, so a stale patch fails loudly. */
export interface PatchStep {
  file: string;
  find: string;
  replace: string;
}

export function applyPatch(chapterDir: string, steps: readonly PatchStep[]): void {
  for (const step of steps) {
    const path = join(chapterDir, step.file);
    const text = readFileSync(path, 'utf8');
    const count = text.split(step.find).length - 1;
    if (count !== 1) throw new Error(`patch: ${JSON.stringify(step.find)} occurs ${count} times in ${step.file}, expected once`);
    writeFileSync(path, text.replace(step.find, () => step.replace));
  }
}

/** Pids of processes whose working directory is inside `dir` (an app left running would be one). */
export function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(dir)) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile, or is not ours to inspect
    }
  }
  return pids;
}

/** Files or folders named like caches anywhere under `dir`. */
export function cachesIn(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((path) => /(^|\/)(__pycache__|\.pytest_cache)$/.test(path));
}

/** check → statuses seen, for readable assertions. */
export function statusesByCheck(results: readonly CheckResult[]): Record<CheckName, string[]> {
  const out = Object.fromEntries(CHECK_NAMES.map((name) => [name, [] as string[]])) as Record<CheckName, string[]>;
  for (const result of results) out[result.check].push(result.status);
  return out;
}

/** A result as one line, for assertion messages. */
export function show(result: CheckResult): string {
  return `${result.variant} ${result.check} ${result.status}: ${result.message} ${result.file ?? ''}:${result.line ?? ''}`;
}

/** A defect folder's expect.json: the check that must fail, why, and the checks to run. */
interface DefectExpectation {
  defect: string;
  check: CheckName;
  messageIncludes: string;
  run: CheckName[];
}

/**
 * One test per folder of fixtures/verify/`folder`: the `tree` fixture with that folder's
 * patch.json applied fails, among the checks expect.json runs, exactly its check and for its
 * reason, and leaves no process behind. `namesFile`, when given, says which failures must name
 * the file at fault; `after` adds what a suite checks besides.
 */
export function describeDefects(label: string, folder: string, tree: string, opts: { namesFile?: (r: CheckResult) => boolean; after?: (dir: string) => void } = {}): void {
  const defects = join(FIXTURES, folder);
  describe.each(readdirSync(defects).sort())(`${label} %s`, (name) => {
    const dir = chapterCopy(tree);
    afterAll(() => removeCopy(dir));

    test('fails its check, for that reason', async () => {
      const patch = JSON.parse(readFileSync(join(defects, name, 'patch.json'), 'utf8')) as PatchStep[];
      const expected = JSON.parse(readFileSync(join(defects, name, 'expect.json'), 'utf8')) as DefectExpectation;
      applyPatch(dir, patch);
      const results = await verifyChapter(dir, { only: expected.run });
      const failures = results.filter((r) => r.status === 'fail');
      expect(failures.length, results.map(show).join('\n')).toBeGreaterThan(0);
      expect(new Set(failures.map((r) => r.check)), failures.map(show).join('\n')).toEqual(new Set([expected.check]));
      expect(failures.some((r) => r.message.includes(expected.messageIncludes)), failures.map(show).join('\n')).toBe(true);
      if (opts.namesFile) expect(failures.every(opts.namesFile), 'failures name a file').toBe(true);
      expect(processesIn(dir)).toEqual([]);
      opts.after?.(dir);
    }, 300_000);
  });
}
