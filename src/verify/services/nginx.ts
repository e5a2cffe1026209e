import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MissingToolError } from '../errors.js';
import { freePort } from '../run/http.js';
import { runToEnd, spawnGroup } from '../run/processes.js';
import type { Started } from './app.js';
import { outputOf, waitListening } from './app.js';

const NGINX = '/usr/sbin/nginx';
/** Debian's unprivileged user: nginx never runs as root here. */
const NOBODY = 65534;

export interface LocalNginx {
  /** The config as nginx runs it here, for a failure message. */
  config: string;
}

/**
 * The tree's nginx config made to run on this machine, by these substitutions only, each of
 * which must apply (or the config is not the shape the chart deploys): `listen <port>` becomes
 * 127.0.0.1 and a free port; the app's address becomes the app's local port; every `root` and
 * `alias` path is put under the run's folder, where the bundle sits as the image has it; and
 * nginx's temp folders and pid file go there too, so nginx runs as an ordinary user.
 */
export function localConfig(text: string, opts: { port: number; listen: number; appPort: number; localAppPort: number; root: string }): string {
  let out = text;
  const replaceOnce = (pattern: RegExp, by: string, what: string) => {
    const hits = out.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
    if (hits === 0) throw new Error(`the nginx config has no ${what}`);
    out = out.replace(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`), by);
  };
  replaceOnce(new RegExp(`^(\\s*)listen\\s+(?:[\\w.]+:)?${opts.port}\\s*;`, 'm'), `$1listen 127.0.0.1:${opts.listen};`, `\`listen ${opts.port};\``);
  replaceOnce(new RegExp(`(127\\.0\\.0\\.1|localhost):${opts.appPort}\\b`), `127.0.0.1:${opts.localAppPort}`, `address of the app (127.0.0.1:${opts.appPort})`);
  out = out.replace(/^(\s*)(root|alias)\s+(\/[^;\s]*)\s*;/gm, (_m, indent: string, directive: string, path: string) => `${indent}${directive} ${opts.root}${path};`);
  // the unprivileged user cannot reopen the runner's pipes: the access log goes to a file here
  out = out.replace(/^(\s*access_log\s+)\/dev\/stdout\b/gm, `$1${opts.root}/access.log`);
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${opts.root}/nginx-temp/${t};`).join('\n');
  replaceOnce(/^http\s*\{/m, `http {\n${temps}`, '`http {` block');
  return out;
}

/**
 * Starts Debian's nginx with the localised config: `nginx -t` first (nginx's own parser), then
 * in the foreground in its own process group, as `nobody` when stackdoc runs as root.
 */
export async function startNginx(configText: string, opts: { port: number; appPort: number; localAppPort: number; runDir: string; bundleDir: string; bundleTo: string }): Promise<Started & LocalNginx> {
  if (!existsSync(NGINX)) throw new MissingToolError('nginx', 'nginx');
  const listen = await freePort();
  const config = localConfig(configText, { port: opts.port, listen, appPort: opts.appPort, localAppPort: opts.localAppPort, root: opts.runDir });
  // the bundle where the image has it, under the run's folder
  const target = join(opts.runDir, opts.bundleTo);
  await mkdir(target, { recursive: true });
  await cp(opts.bundleDir, target, { recursive: true });
  await mkdir(join(opts.runDir, 'nginx-temp'), { recursive: true });
  const file = join(opts.runDir, 'nginx.conf');
  await writeFile(file, config);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await giveTo(opts.runDir, NOBODY);
    await chmod(dirname(opts.runDir), 0o711); // nobody may pass through the private work folder
  }
  const args = ['-c', file, '-p', opts.runDir, '-e', join(opts.runDir, 'error.log'), '-g', `daemon off; pid ${join(opts.runDir, 'nginx.pid')};`];
  const user = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
  const test = await runToEnd(NGINX, ['-t', ...args], { cwd: opts.runDir, env: { PATH: '/usr/sbin:/usr/bin:/bin' }, timeoutMs: 30_000, ...user });
  if (test.code !== 0) throw new Error(`nginx -t rejects the config:\n${test.stderr.trim()}`);
  const proc = spawnGroup(NGINX, args, { cwd: opts.runDir, env: { PATH: '/usr/sbin:/usr/bin:/bin' }, ...user });
  const started = { what: 'nginx', process: proc, port: listen, config };
  try {
    await waitListening(started);
  } catch (error) {
    throw new Error(`${(error as Error).message}${outputOf(proc)}`);
  }
  return started;
}

/** The run's folder belongs to the unprivileged user nginx runs as (it writes temp files and its pid). */
async function giveTo(dir: string, uid: number): Promise<void> {
  await chown(dir, uid, uid);
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await giveTo(path, uid);
    else await chown(path, uid, uid);
  }
}
