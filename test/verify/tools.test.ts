import { describe, expect, test } from 'vitest';
import { MissingToolError } from '../../src/verify/index.js';
import { requireExecutable, requirePythonModules } from '../../src/verify/tools.js';

describe('missing tools', () => {
  test('a missing program names the Debian package that brings it', async () => {
    const error = await requireExecutable('/usr/bin/no-such-gunicorn', 'gunicorn').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingToolError);
    expect(error).toMatchObject({ tool: '/usr/bin/no-such-gunicorn', install: 'gunicorn' });
    expect((error as Error).message).toContain('install the Debian package gunicorn');
  });

  test('a missing Python module names its package; present ones pass', async () => {
    await expect(requirePythonModules([{ module: 'flask', install: 'python3-flask' }])).resolves.toBeUndefined();
    await expect(requirePythonModules([{ module: 'flask', install: 'python3-flask' }, { module: 'no_such_module_xyz', install: 'python3-xyz' }])).rejects.toMatchObject({
      name: 'MissingToolError',
      install: 'python3-xyz',
    });
  });
});
