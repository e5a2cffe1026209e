import { afterAll, describe, expect, test } from 'vitest';
import { stopSharedServices, verifyChapter, type CheckName } from '../../src/verify/index.js';
import { chapterCopy, describeDefects, processesIn, removeCopy, show } from './helpers.js';

/**
 * good-python-apps is the Python tree of the chapter on several apps: a worker and a CronJob of
 * the app's image, a second app (a Node.js websocket chat) in chat/ with its own image,
 * Deployment and Service, an Ingress routed by path. The checks that look at several apps must
 * pass on it, against a real Redis, and leave no process behind. Each folder in
 * fixtures/verify/apps-defects is that tree with one defect; only the checks named in its
 * expect.json run (`run`), and `check` must fail with `messageIncludes`.
 */
const CHECKS: CheckName[] = ['werf-schema', 'helm-render', 'k8s-schema', 'dockerfile', 'consistency', 'apps-run'];

afterAll(async () => {
  await stopSharedServices();
});

describe('good-python-apps', () => {
  const dir = chapterCopy('good-python-apps');
  afterAll(() => removeCopy(dir));

  test('passes the checks of several apps, on a real Redis', async () => {
    const results = await verifyChapter(dir, { only: CHECKS });
    expect(results.filter((r) => r.status !== 'pass').map(show)).toEqual([]);
    for (const name of CHECKS) expect(results.some((r) => r.check === name), name).toBe(true);
    const apps = results.filter((r) => r.check === 'apps-run').map((r) => r.message);
    expect(apps).toHaveLength(3);
    expect(apps[0]).toMatch(/^worker: POST \/jobs → 202, job \w+ on jobs; worker took it off jobs \(0 left\) and put .*"words": 5.* on jobs:done; SIGTERM → exited 0; Redis [\d.]+ database \d+/);
    expect(apps[1]).toMatch(/^CronJob cleanup: `python3 cleanup\.py` ran once and exited 0 in [\d.]+ s; jobs:done: 105 → 100, the newest kept/);
    expect(apps[2]).toMatch(/^second app chat \(node, chat\/\): GET \/healthz → 200; two websocket clients at \/chat, one sent "hello from stackdoc \w+", both received it/);
    expect(results.find((r) => r.check === 'k8s-schema')!.message).toMatch(/valid Kubernetes 1\.20/);
    expect(results.find((r) => r.check === 'consistency')!.message).toMatch(/worker worker, CronJob cleanup, second app chat on port 8090 at \/chat/);
    // the second app's own Dockerfile is checked too
    expect(results.filter((r) => r.check === 'dockerfile').map((r) => r.file).sort()).toEqual(['dockerfile/Dockerfile', 'dockerfile/chat/Dockerfile']);
    expect(processesIn(dir)).toEqual([]);
  }, 300_000);
});

describeDefects('apps defect', 'apps-defects', 'good-python-apps', { namesFile: (r) => r.file !== undefined || r.check.endsWith('-run') || r.check === 'consistency' });
