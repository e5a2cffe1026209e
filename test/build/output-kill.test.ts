import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_NAME } from '../../src/emit/output-lock.js';
import { backupName, MARKER, tidyOutput } from '../../src/emit/output-mark.js';
import { writeStackOutput } from '../../src/emit/write-tree.js';
import { listFiles } from '../../src/util/files.js';
import { ROOT, stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';
import { shippedProject, snapshot } from '../helpers/output.js';

// A build killed with SIGKILL at any point leaves each stack's output as it was before, or whole
// as the new build makes it, or (killed between the two renames of the swap) its previous output
// in the backup, which the next run puts back. The next build leaves no staging folder.

type Snapshot = Map<string, string>;

/** What a killed run left of one stack, after the next run's tidying: the previous output or the new one. */
async function afterKill(out: string, slug: string, previous: Snapshot, next: Snapshot): Promise<string> {
  const target = join(out, slug);
  if (!existsSync(target)) {
    const backup = join(out, backupName(slug));
    // Only the moment between the two renames may leave no folder, and then the backup is whole.
    expect(existsSync(backup), `${slug}: no output and no backup`).toBe(true);
    expect(await snapshot(backup)).toEqual(previous);
  }
  await tidyOutput(out, () => undefined);
  const now = await snapshot(target);
  if (sameFiles(now, previous)) return 'previous';
  expect(now, `${slug}: neither the previous output nor the new one`).toEqual(next);
  return 'new';
}

/** The files of a built stack folder as a build hands them to writeStackOutput (the mark is its own). */
async function filesOf(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const path of await listFiles(dir)) if (path !== MARKER) files.set(path, readFileSync(join(dir, path)));
  return files;
}

function sameFiles(a: Snapshot, b: Snapshot): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** A lock whose holder was killed is taken over once stale; age it rather than wait for that. */
function ageLock(out: string): void {
  const lock = join(out, LOCK_NAME);
  if (existsSync(lock)) utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
}

function runKilled(args: string[], cwd: string, env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<string | number | null> {
  return new Promise((done) => {
    const preload = env.KILL_AT_STEP === undefined ? [] : ['--import', join(ROOT, 'test/helpers/kill-at-step.mjs')];
    const child = spawn(process.execPath, [...preload, join(ROOT, 'bin/stackdoc.js'), ...args], { cwd, env: { ...process.env, ...env }, stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done(signal ?? code);
    });
  });
}

describe('a build killed at each step of writing its output (test/fixtures/build/basic)', () => {
  it('leaves the previous output or the new one, and the next build leaves no staging', async () => {
    const dir = copyFixture(join(import.meta.dirname, '../fixtures/build/basic'));
    const out = join(dir, 'out');
    const skeleton = join(dir, 'skeleton.md');
    const text = readFileSync(skeleton);
    const build = (into: string) => expect(stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', into], dir).code).toBe(0);
    writeFileSync(skeleton, Buffer.concat([text, Buffer.from('\nАбзац прошлой сборки.\n')]));
    build('previous');
    writeFileSync(skeleton, text);
    build('next');
    const previousFiles = await filesOf(join(dir, 'previous/lang-fw'));
    const nextFiles = await filesOf(join(dir, 'next/lang-fw'));
    const next = await snapshot(join(dir, 'next/lang-fw'));
    const seen = new Set<string>();
    let step = 1;
    for (; step < 200; step++) {
      rmSync(out, { recursive: true, force: true });
      await writeStackOutput(out, 'lang-fw', previousFiles);
      const previous = await snapshot(join(out, 'lang-fw'));
      const end = await runKilled(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir, { KILL_AT_STEP: String(step), KILL_IN: out });
      if (end === 0) break; // the build finished before this step: every step was cut once
      expect(end).toBe('SIGKILL');
      seen.add(await afterKill(out, 'lang-fw', previous, next));
      ageLock(out);
      await writeStackOutput(out, 'lang-fw', nextFiles);
      expect(readdirSync(out)).toEqual(['lang-fw']);
      expect(await snapshot(join(out, 'lang-fw'))).toEqual(next);
    }
    expect(step).toBeGreaterThan(15); // mkdir, staging, mark, 8 files, renames, removal of the backup
    expect([...seen].sort()).toEqual(['new', 'previous']);
  }, 300_000);
});

describe('kill -9 at random moments of a build of the shipped project', () => {
  it('leaves each stack previous or new, and the next build makes the whole new output with no staging left', async () => {
    const dir = shippedProject();
    const seed = join(dir, 'seeds/werf-guide.ru.md');
    const original = readFileSync(seed);
    writeFileSync(seed, Buffer.concat([original, Buffer.from('\nАбзац прошлой сборки.\n')]));
    expect(stackdoc(['build', '--out', 'previous'], dir).code).toBe(0);
    writeFileSync(seed, original);
    const started = Date.now();
    expect(stackdoc(['build', '--out', 'next'], dir).code).toBe(0);
    const duration = Date.now() - started;
    const slugs = ['node-npm', 'python-flask-pip-pytest-webpack'];
    const previous = new Map(await Promise.all(slugs.map(async (s) => [s, await snapshot(join(dir, 'previous', s))] as const)));
    const next = new Map(await Promise.all(slugs.map(async (s) => [s, await snapshot(join(dir, 'next', s))] as const)));
    const out = join(dir, 'out');
    for (let i = 0; i < 3; i++) {
      rmSync(out, { recursive: true, force: true });
      cpSync(join(dir, 'previous'), out, { recursive: true });
      const delay = Math.round(duration * (0.3 + 0.7 * Math.random()));
      await runKilled(['build', '--out', 'out'], dir, {}, delay);
      for (const slug of slugs) await afterKill(out, slug, previous.get(slug)!, next.get(slug)!);
      ageLock(out);
      const again = stackdoc(['build', '--out', 'out'], dir);
      expect(again.code, `killed after ${delay} ms: ${again.stderr}`).toBe(0);
      expect(readdirSync(out).sort(), `killed after ${delay} ms`).toEqual(slugs);
      for (const slug of slugs) expect(await snapshot(join(out, slug))).toEqual(next.get(slug));
    }
  }, 300_000);
});
