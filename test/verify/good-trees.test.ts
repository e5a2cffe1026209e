import { afterAll, describe, expect, test } from 'vitest';
import { CHECK_NAMES, SERVICE_CHECKS, stampMatches, verifyChapter, writeStamp, type CheckResult } from '../../src/verify/index.js';
import { cachesIn, chapterCopy, processesIn, removeCopy, show, statusesByCheck } from './helpers.js';

describe.concurrent.each(['good-python', 'good-node'])('%s', (fixture) => {
  const dir = chapterCopy(fixture);
  afterAll(() => removeCopy(dir));

  test('passes every check, on both variants where the check applies, and leaves nothing behind', async () => {
    const seen: CheckResult[] = [];
    const results = await verifyChapter(dir, { onResult: (r) => seen.push(r) });
    expect(seen).toEqual(results);
    expect(results.filter((r) => r.status !== 'pass').map(show)).toEqual([]);
    const statuses = statusesByCheck(results);
    // hello world has no services: their checks report nothing, every other check reports
    for (const name of CHECK_NAMES) {
      if (SERVICE_CHECKS.includes(name)) expect(statuses[name], name).toEqual([]);
      else expect(statuses[name], name).not.toEqual([]);
    }
    // the static checks look at each variant on its own
    for (const name of ['werf-schema', 'gitlab-ci-schema', 'helm-render', 'k8s-schema', 'consistency'] as const) {
      expect(results.filter((r) => r.check === name).map((r) => r.variant).sort(), name).toEqual(['dockerfile', 'stapel']);
    }
    // the app source is the same in both variants, so one run covers both, and says so
    const appRun = results.find((r) => r.check === 'app-run')!;
    expect(appRun.variant).toBe('both');
    expect(appRun.message).toContain('byte for byte');

    // the app and its tests are stopped, and wrote no __pycache__ or .pytest_cache
    expect(processesIn(dir)).toEqual([]);
    expect(cachesIn(dir)).toEqual([]);

    await writeStamp(dir, results);
    expect(await stampMatches(dir)).toBe(true);
  });
});
