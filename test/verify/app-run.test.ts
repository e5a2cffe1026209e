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
