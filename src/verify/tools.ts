import { access, constants } from 'node:fs/promises';
import { MissingToolError } from './errors.js';
import { runToEnd } from './run/processes.js';

/**
 * The programs the app checks run, pinned to Debian's: the `python3` on PATH may be another
 * interpreter (pyenv) without Flask, and the Debian packages are what install-deps.sh installs.
 */
export const PYTHON = '/usr/bin/python3';
export const GUNICORN = '/usr/bin/gunicorn';

export async function requireExecutable(path: string, install: string): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new MissingToolError(path, install);
  }
}

/** Python modules an app imports, and the Debian package that brings each. */
export interface PythonModule {
  module: string;
  install: string;
}

/** Throws MissingToolError for the first module /usr/bin/python3 cannot import. */
export async function requirePythonModules(modules: readonly PythonModule[]): Promise<void> {
  if (modules.length === 0) return;
  await requireExecutable(PYTHON, 'python3');
  const probe = 'import importlib.util, sys\nfor name in sys.argv[1:]:\n    if importlib.util.find_spec(name) is None: print(name)';
  const result = await runToEnd(PYTHON, ['-c', probe, ...modules.map((m) => m.module)], {
    cwd: '/',
    env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' },
    timeoutMs: 20_000,
  });
  const missing = result.stdout.split('\n').filter(Boolean);
  const first = modules.find((m) => missing.includes(m.module));
  if (first) throw new MissingToolError(`Python module ${first.module} (for ${PYTHON})`, first.install);
  if (result.code !== 0) throw new Error(`${PYTHON} failed to look up modules: ${result.stderr.trim()}`);
}

/**
 * requirements.txt names (lower case, as pip normalises them) we can satisfy from Debian, and
 * how: the module to import and the package that provides it for /usr/bin/python3.
 */
export const DEBIAN_PYTHON: Readonly<Record<string, PythonModule>> = {
  flask: { module: 'flask', install: 'python3-flask' },
  gunicorn: { module: 'gunicorn', install: 'gunicorn' },
  pytest: { module: 'pytest', install: 'python3-pytest' },
  flake8: { module: 'flake8', install: 'flake8' },
  redis: { module: 'redis', install: 'python3-redis' },
  psycopg2: { module: 'psycopg2', install: 'python3-psycopg2' },
  'psycopg2-binary': { module: 'psycopg2', install: 'python3-psycopg2' },
  boto3: { module: 'boto3', install: 'python3-boto3' },
  'flask-sqlalchemy': { module: 'flask_sqlalchemy', install: 'python3-flask-sqlalchemy' },
  'flask-migrate': { module: 'flask_migrate', install: 'python3-flask-migrate' },
  sqlalchemy: { module: 'sqlalchemy', install: 'python3-sqlalchemy' },
  websockets: { module: 'websockets', install: 'python3-websockets' },
};
