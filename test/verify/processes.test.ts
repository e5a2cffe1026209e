import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { liveGroups, runToEnd, spawnGroup } from '../../src/verify/run/processes.js';

/** A shell that starts a background child which ignores TERM, then waits: the worst case. */
const STUBBORN = ['-c', 'sh -c \'trap "" TERM; sleep 60\' & echo child $!; wait'];

/** Running, as opposed to gone or a zombie waiting for a reaper (this container's init may never reap). */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function childOf(output: () => string): Promise<number> {
  for (let i = 0; i < 100 && !/child \d+/.test(output()); i++) await new Promise((r) => setTimeout(r, 20));
  return Number(/child (\d+)/.exec(output())![1]);
}

describe('process groups', () => {
  test('stop() ends the program and everything it started, even what ignores TERM', async () => {
    const proc = spawnGroup('/bin/sh', STUBBORN, { cwd: '/', env: { PATH: '/usr/bin:/bin' } });
    const child = await childOf(proc.stdout);
    expect(alive(child)).toBe(true);
    expect(liveGroups()).toContain(proc.pid);
    await proc.stop();
    expect(alive(proc.pid)).toBe(false);
    expect(alive(child)).toBe(false);
    expect(liveGroups()).not.toContain(proc.pid);
  }, 15_000);

  test('runToEnd stops a program that outlives its timeout', async () => {
    const result = await runToEnd('/bin/sh', STUBBORN, { cwd: '/', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    const child = Number(/child (\d+)/.exec(result.stdout)![1]);
    expect(alive(child)).toBe(false);
  }, 15_000);

  test('a program that cannot start is an exit, not a hang', async () => {
    const result = await runToEnd('/no/such/program', [], { cwd: '/', env: {}, timeoutMs: 5000 });
    expect(result.code).toBeNull();
    expect(result.stderr).toContain('ENOENT');
  });
});
