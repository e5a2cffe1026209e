import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { verifyChapter } from '../../src/verify/index.js';
import { liveGroups } from '../../src/verify/run/processes.js';
import { chapterOf, processesIn, removeCopy } from './helpers.js';

const example = (command: string[]) =>
  JSON.stringify({ runtime: 'python', port: 8080, run: { command, env: {} }, expect: { path: '/', status: 200, body: 'hi' }, test: { command: ['python3', '-m', 'pytest', '-q'] } });

describe('app-run and app-tests on a broken app', () => {
  let dir = '';
  afterEach(() => removeCopy(dir));

  test('an app that dies before listening fails with its stderr, and is not left behind', async () => {
    dir = chapterOf({ 'stapel/app.py': '', 'example.json': example(['python3', '-c', 'import sys; print("boom: no config", file=sys.stderr); sys.exit(3)']) });
    const [result] = await verifyChapter(dir, { only: ['app-run'] });
    expect(result).toMatchObject({ variant: 'stapel', status: 'fail' });
    expect(result!.message).toMatch(/^the app exited \(3\) before listening on 127\.0\.0\.1:\d+\n/);
    expect(result!.message).toContain('boom: no config');
    expect(processesIn(dir)).toEqual([]);
    expect(liveGroups()).toEqual([]);
  });

  test('a program this machine cannot run, and a broken example.json, are failures that say so', async () => {
    dir = chapterOf({ 'stapel/app.py': '', 'example.json': example(['uwsgi', '--http', ':8080']) });
    expect(await verifyChapter(dir, { only: ['app-run'] })).toEqual([
      expect.objectContaining({ status: 'fail', file: 'example.json', message: expect.stringContaining('cannot run "uwsgi" on this machine') }),
    ]);
    removeCopy(dir);
    dir = chapterOf({ 'stapel/app.py': '', 'example.json': '{"runtime": "ruby"}' });
    expect(await verifyChapter(dir, { only: ['app-run', 'app-tests', 'consistency'] })).toEqual([
      expect.objectContaining({ check: 'consistency', variant: 'both', status: 'fail', message: 'example.json: runtime must be "python" or "node"' }),
      expect.objectContaining({ check: 'app-run', status: 'fail' }),
      expect.objectContaining({ check: 'app-tests', status: 'fail' }),
    ]);
  });
});

describe('a Node.js app with dependencies', () => {
  let dir = '';
  afterEach(() => removeCopy(dir));

  // npm ci refuses a lock file that disagrees with package.json before it downloads anything, so
  // this runs offline. The passing side is the shipped Express trees under `stackdoc test-examples`.
  const nodeExample = JSON.stringify({ runtime: 'node', port: 3000, run: { command: ['node', 'server.js'], env: {} }, expect: { path: '/', status: 200, body: 'hi' }, test: { command: ['node', '--test'] } });
  const packageJson = JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', dependencies: { express: '^5.0.0' } });
  const staleLock = JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'app', version: '1.0.0', dependencies: { express: '^4.0.0' } }, 'node_modules/express': { version: '4.21.2' } } });

  test('gets them by npm ci in a temporary copy: a lock file out of sync fails app-run and app-tests, and the tree stays as it was', async () => {
    dir = chapterOf({ 'stapel/server.js': "import express from 'express';\n", 'stapel/package.json': packageJson, 'stapel/package-lock.json': staleLock, 'example.json': nodeExample });
    const results = await verifyChapter(dir, { only: ['app-run', 'app-tests'] });
    expect(results).toEqual([
      expect.objectContaining({ check: 'app-run', variant: 'stapel', status: 'fail', message: expect.stringMatching(/^npm ci --omit=dev .*failed \(exit \d+\)/) }),
      expect.objectContaining({ check: 'app-tests', variant: 'stapel', status: 'fail', message: expect.stringMatching(/^npm ci --no-audit .*failed \(exit \d+\)/) }),
    ]);
    expect(existsSync(join(dir, 'stapel', 'node_modules'))).toBe(false);
    expect(readdirSync(join(dir, 'stapel')).sort()).toEqual(['package-lock.json', 'package.json', 'server.js']);
    expect(liveGroups()).toEqual([]);
  }, 120_000);
});
