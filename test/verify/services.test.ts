import { afterAll, describe, expect, test } from 'vitest';
import { CHECK_NAMES, SERVICE_CHECKS, stopSharedServices, verifyChapter } from '../../src/verify/index.js';
import { chapterCopy, describeDefects, processesIn, removeCopy, show, statusesByCheck } from './helpers.js';

// Redis is shared by every chapter of a run; here the run is this file
afterAll(async () => {
  await stopSharedServices();
});

/**
 * good-python-services is a chapter tree with every service the later chapters add: the
 * webpack bundle, nginx in the Pod, S3, the mail provider and Redis as a subchart. It must pass every check, the
 * service checks included, and leave no process behind. Each folder in
 * fixtures/verify/service-defects is that tree with one defect; only the checks named in its
 * expect.json run (`run`), and `check` must fail with `messageIncludes`.
 */
describe('good-python-services', () => {
  const dir = chapterCopy('good-python-services');
  afterAll(() => removeCopy(dir));

  test('passes every check, the service checks on both variants', async () => {
    const results = await verifyChapter(dir);
    expect(results.filter((r) => r.status !== 'pass').map(show)).toEqual([]);
    const statuses = statusesByCheck(results);
    // the database checks look at Jobs and a database, and apps-run at several apps, which this tree has none of
    for (const name of CHECK_NAMES.filter((n) => n !== 'hook-jobs' && n !== 'database-run' && n !== 'apps-run')) expect(statuses[name], name).not.toEqual([]);
    // nginx and its image differ per builder; the app (S3 and mail) is the same program in both
    for (const name of ['nginx-config', 'assets-run'] as const) {
      expect(results.filter((r) => r.check === name).map((r) => r.variant).sort(), name).toEqual(['dockerfile', 'stapel']);
    }
    for (const name of ['subchart'] as const) {
      expect(results.filter((r) => r.check === name).map((r) => r.variant).sort(), name).toEqual(['dockerfile', 'stapel']);
    }
    for (const name of ['s3-run', 'mail-run', 'redis-run'] as const) expect(results.filter((r) => r.check === name).map((r) => r.variant), name).toEqual(['both']);
    expect(SERVICE_CHECKS.filter((n) => n !== 'hook-jobs' && n !== 'database-run' && n !== 'apps-run').every((name) => results.some((r) => r.check === name))).toBe(true);
    // apps-run belongs to the chapter on several apps (good-python-apps, test/verify/apps.test.ts)
    expect(results.some((r) => r.check === 'apps-run')).toBe(false);
    expect(results.find((r) => r.check === 's3-run')!.message).toMatch(/started s3rver \(pid \d+.*the 65552 bytes are in bucket werf-guide-files.*stopped s3rver/);
    expect(results.find((r) => r.check === 'mail-run')!.message).toMatch(/provider down: 3 tries, then 502 .*provider up, first connection dropped: tried again, POST \/v3\/mail\/send with the key from the secrets/);
    expect(results.find((r) => r.check === 'redis-run')!.message).toMatch(/redis-server [\d.]+ \(pid \d+.*database \d+: GET \/visits → 200 "visits: 1", then 200 "visits: 2"; key visits in database \d+ holds 2; after a restart of the app → "visits: 3"/);
    expect(results.find((r) => r.check === 'subchart' && r.variant === 'stapel')!.message).toMatch(/the app's REDIS_HOST is the subchart's master Service \(werf-guide-flask-stage-redis-master for stage, werf-guide-flask-production-redis-master for production\).*the subcharts themselves were not rendered/);
    const run = results.find((r) => r.check === 'assets-run')!;
    expect(run.message).toMatch(/started app \(pid \d+, 127\.0\.0\.1:\d+\), nginx \(pid \d+/);
    expect(run.message).toMatch(/stopped .*nginx \(pid \d+\)/);
    expect(processesIn(dir)).toEqual([]);
  }, 300_000);
});

describeDefects('service defect', 'service-defects', 'good-python-services', { namesFile: (r) => r.file !== undefined || r.check.endsWith('-run') });
