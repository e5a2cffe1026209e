import { describe, expect, test } from 'vitest';
import { boundPort, localRunCommand, localTestCommand, UnmappedProgramError } from '../../src/verify/run/command.js';

describe('mapping container commands onto this machine', () => {
  test('gunicorn binds 127.0.0.1 on the free port, in every spelling', () => {
    for (const bind of [['--bind', '0.0.0.0:8080'], ['-b', ':8080'], ['--bind=0.0.0.0:8080']]) {
      const local = localRunCommand(['gunicorn', ...bind, 'app:app'], 8080, 41234, {});
      expect(local.program).toBe('/usr/bin/gunicorn');
      expect(local.args.join(' ')).toMatch(/^(--bind 127\.0\.0\.1:41234|-b 127\.0\.0\.1:41234|--bind=127\.0\.0\.1:41234) app:app$/);
    }
  });

  test('other programs: bare host:port, --port and --host are rewritten; PORT and HOST win over run.env', () => {
    const local = localRunCommand(['python3', 'serve.py', '0.0.0.0:8080', '--port', '8080', '--host=0.0.0.0', 'keep:9090'], 8080, 5000, { PORT: '8080', LEVEL: 'debug' });
    expect(local).toEqual({
      program: '/usr/bin/python3',
      args: ['serve.py', '127.0.0.1:5000', '--port', '5000', '--host=127.0.0.1', 'keep:9090'],
      env: { LEVEL: 'debug', PORT: '5000', HOST: '127.0.0.1' },
    });
    expect(localRunCommand(['node', 'server.js'], 8080, 5000, {}).program).toBe(process.execPath);
  });

  test('pytest runs without its cache plugin; unknown programs are refused', () => {
    expect(localTestCommand(['python3', '-m', 'pytest', '-q'], {}).args).toEqual(['-m', 'pytest', '-p', 'no:cacheprovider', '-q']);
    expect(localTestCommand(['pytest'], {}).args).toEqual(['-m', 'pytest', '-p', 'no:cacheprovider']);
    expect(() => localRunCommand(['uwsgi', '--http', ':8080'], 8080, 1, {})).toThrow(UnmappedProgramError);
  });

  test('the bound port is read from the command', () => {
    expect(boundPort(['gunicorn', '--bind', '0.0.0.0:8080', 'app:app'])).toBe(8080);
    expect(boundPort(['gunicorn', '-b=[::]:9000', 'app:app'])).toBe(9000);
    expect(boundPort(['flask', 'run', '--port', '5000'])).toBe(5000);
    expect(boundPort(['node', 'server.js'])).toBeUndefined();
  });
});
