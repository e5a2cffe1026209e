import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CHECK_NAMES, stampDuration, stampMatches, STAMP_FILE, treeHash, writeStamp, type CheckResult } from '../../src/verify/index.js';
import { chapterCopy, removeCopy } from './helpers.js';

const passed = (chapterDir: string): CheckResult[] => CHECK_NAMES.map((check) => ({ chapterDir, check, variant: 'both', status: 'pass', message: 'ok' }));

describe('test-stamp.json', () => {
  const dir = chapterCopy('good-node');
  afterAll(() => removeCopy(dir));

  test('is written only when every check ran and none failed, and matches until the tree changes', async () => {
    const failing = passed(dir).map((r) => (r.check === 'app-run' ? { ...r, status: 'fail' as const } : r));
    await writeStamp(dir, failing);
    expect(existsSync(join(dir, STAMP_FILE))).toBe(false);
    await writeStamp(dir, passed(dir).filter((r) => r.check !== 'app-tests')); // an --only run
    expect(existsSync(join(dir, STAMP_FILE))).toBe(false);

    await writeStamp(dir, passed(dir));
    const stamp = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8'));
    expect(stamp).toEqual({ hash: await treeHash(dir), checks: [...CHECK_NAMES] });
    expect(await stampMatches(dir)).toBe(true);

    appendFileSync(join(dir, 'stapel/app.js'), '\n// edited\n');
    expect(await stampMatches(dir)).toBe(false);

    // a later failing run removes the stale stamp
    await writeStamp(dir, failing);
    expect(existsSync(join(dir, STAMP_FILE))).toBe(false);
    expect(await stampMatches(dir)).toBe(false);
  });

  test('records the duration once per content, so re-running over the same tree changes no byte', async () => {
    const copy = chapterCopy('good-node');
    try {
      await writeStamp(copy, passed(copy));
      expect(JSON.parse(readFileSync(join(copy, STAMP_FILE), 'utf8')).ms).toBeUndefined();
      await writeStamp(copy, passed(copy), 1234.4); // a stamp without a duration gets one
      const first = readFileSync(join(copy, STAMP_FILE), 'utf8');
      expect(JSON.parse(first).ms).toBe(1234);
      expect(await stampDuration(copy)).toBe(1234);
      await writeStamp(copy, passed(copy), 999);
      expect(readFileSync(join(copy, STAMP_FILE), 'utf8')).toBe(first);
      appendFileSync(join(copy, 'stapel/app.js'), '\n// edited\n');
      await writeStamp(copy, passed(copy), 999);
      expect(JSON.parse(readFileSync(join(copy, STAMP_FILE), 'utf8')).ms).toBe(999);
      expect(await stampMatches(copy)).toBe(true);
    } finally {
      removeCopy(copy);
    }
  });

  test('the hash covers content and names, not caches or the stamp itself', async () => {
    const before = await treeHash(dir);
    mkdirSync(join(dir, 'stapel/__pycache__'), { recursive: true });
    writeFileSync(join(dir, 'stapel/__pycache__/app.cpython-311.pyc'), 'bytes');
    writeFileSync(join(dir, STAMP_FILE), '{}');
    expect(await treeHash(dir)).toBe(before);
    writeFileSync(join(dir, 'dockerfile/NOTES'), '');
    expect(await treeHash(dir)).not.toBe(before);
  });
});
