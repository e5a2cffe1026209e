import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, test } from 'vitest';
import { stopSharedServices, verifyChapter, type CheckName } from '../../src/verify/index.js';
import { chapterCopy, describeDefects, processesIn, removeCopy, show } from './helpers.js';

/**
 * good-python-database is the Flask tree of the database chapter: PostgreSQL as a subchart, a
 * migration Job and a fixture Job on post-install,post-upgrade. Its hook Jobs
 * pass hook-jobs, and database-run really migrates an empty PostgreSQL 15 database, loads the
 * fixtures and reads them back through the app. Each folder in fixtures/verify/database-defects
 * is that tree with one defect, which must fail its check. One PostgreSQL serves the whole file
 * and is stopped by its PID at the end, leaving no cluster behind.
 */
const DATABASE_CHECKS: CheckName[] = ['helm-render', 'k8s-schema', 'hook-jobs', 'database-run'];

afterAll(async () => {
  await stopSharedServices();
  expect(readdirSync(tmpdir()).filter((name) => name.startsWith('stackdoc-postgres-'))).toEqual([]);
});

describe('good-python-database', () => {
  const dir = chapterCopy('good-python-database');
  afterAll(() => removeCopy(dir));

  test('passes hook-jobs and database-run against a real PostgreSQL', async () => {
    const results = await verifyChapter(dir, { only: DATABASE_CHECKS });
    expect(results.filter((r) => r.status !== 'pass').map(show)).toEqual([]);
    const hooks = results.filter((r) => r.check === 'hook-jobs');
    expect(hooks.map((r) => r.variant).sort()).toEqual(['dockerfile', 'stapel']);
    expect(hooks[0]!.message).toContain('werf-guide-flask-migrations on post-install,post-upgrade, weight 1');
    const run = results.find((r) => r.check === 'database-run')!;
    expect(run.message).toMatch(/on postgres \(pid \d+, 127\.0\.0\.1:\d+\); migrations \(`python3 wait_for_db\.py`, then `flask db upgrade`\) ran on the empty database; ran again with nothing to do; fixtures .* loaded; GET \/books → 200 with "Мастер и Маргарита"; fixtures run again with nothing to load/);
    expect(processesIn(dir)).toEqual([]);
  }, 300_000);

  test('the Kubernetes schema check accepts the Job manifests', async () => {
    const results = await verifyChapter(dir, { only: ['k8s-schema'] });
    expect(results.map((r) => r.message).join('\n')).not.toMatch(/not checked.*Job/);
    expect(results.every((r) => r.status === 'pass')).toBe(true);
  });
});

describeDefects('database defect', 'database-defects', 'good-python-database', { after: (dir) => expect(existsSync(dir)).toBe(true) });
