import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CHECK_NAMES, SERVICE_CHECKS, verifyChapter, type CheckName } from '../../src/verify/index.js';
import { applyPatch, chapterCopy, FIXTURES, processesIn, removeCopy, show, type PatchStep } from './helpers.js';

/**
 * Each folder in fixtures/verify/defects is good-python with one defect (patch.json) and the
 * one check that must catch it (expect.json). Every other check must still pass, except the
 * ones listed as skipped because they need what the defect broke.
 */
interface Expectation {
  defect: string;
  check: CheckName;
  messageIncludes: string;
  alsoSkipped?: CheckName[];
}

const DEFECTS = join(FIXTURES, 'defects');
const names = readdirSync(DEFECTS).sort();

describe.concurrent.each(names)('defect %s', (name) => {
  const dir = chapterCopy('good-python');
  afterAll(() => removeCopy(dir));

  test('fails exactly its check, for that reason', async () => {
    const patch = JSON.parse(readFileSync(join(DEFECTS, name, 'patch.json'), 'utf8')) as PatchStep[];
    const expected = JSON.parse(readFileSync(join(DEFECTS, name, 'expect.json'), 'utf8')) as Expectation;
    applyPatch(dir, patch);
    const results = await verifyChapter(dir);

    const failures = results.filter((r) => r.status === 'fail');
    expect(failures.map((r) => r.check), failures.map(show).join('\n')).toEqual(failures.map(() => expected.check));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.some((r) => r.message.includes(expected.messageIncludes)), failures.map(show).join('\n')).toBe(true);
    expect(failures.every((r) => r.file !== undefined || r.check.startsWith('app-')), 'failures name a file').toBe(true);

    const skipped = [...new Set(results.filter((r) => r.status === 'skip').map((r) => r.check))].sort();
    expect(skipped).toEqual([...(expected.alsoSkipped ?? [])].sort());
    for (const check of CHECK_NAMES) {
      if (check === expected.check || expected.alsoSkipped?.includes(check)) continue;
      if (SERVICE_CHECKS.includes(check)) {
        // hello world declares no services: these checks have nothing to look at
        expect(results.some((r) => r.check === check), `${check} reports nothing`).toBe(false);
        continue;
      }
      expect(results.some((r) => r.check === check && r.status === 'pass'), `${check} passes`).toBe(true);
    }
    expect(processesIn(dir)).toEqual([]);
  });
});
