import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunManifest } from '../manifest.js';
import { DEBIAN_PYTHON, GUNICORN, PYTHON, requireExecutable, requirePythonModules, type PythonModule } from '../tools.js';

/**
 * Makes sure this machine can run the app (or its tests) before trying, so a missing package is
 * a MissingToolError naming it, not a confusing app failure. Node needs nothing: the app runs on
 * the node running stackdoc.
 */
export async function requireRuntime(example: RunManifest, appDir: string, purpose: 'run' | 'test' | 'lint'): Promise<void> {
  if (example.runtime !== 'python') return;
  await requireExecutable(PYTHON, 'python3');
  const command = purpose === 'run' ? example.run.command : purpose === 'test' ? (example.test?.command ?? []) : (example.lint?.command ?? []);
  if (command[0] === 'gunicorn') await requireExecutable(GUNICORN, 'gunicorn');
  // the linter needs only itself; the tests import the app and what it needs
  const modules = purpose === 'lint' ? [] : await requiredModules(appDir);
  if (purpose === 'test') modules.push(DEBIAN_PYTHON.pytest!);
  if (purpose === 'lint' && command.includes('flake8')) modules.push(DEBIAN_PYTHON.flake8!);
  await requirePythonModules(modules);
}

/** The requirements.txt entries Debian provides (others are left to fail visibly when imported). */
async function requiredModules(appDir: string): Promise<PythonModule[]> {
  const text = await readFile(join(appDir, 'requirements.txt'), 'utf8').catch(() => '');
  const modules: PythonModule[] = [];
  for (const line of text.split('\n')) {
    const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line.replace(/#.*/, ''))?.[1]?.toLowerCase().replace(/[._]/g, '-');
    const known = name ? DEBIAN_PYTHON[name] : undefined;
    if (known) modules.push(known);
  }
  return modules;
}
