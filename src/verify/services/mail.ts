import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../cache.js';
import { freePort } from '../run/http.js';
import { spawnGroup } from '../run/processes.js';
import { waitListening, type Started } from './app.js';

/** One request the mail stub received, as it printed it. */
export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  body: string;
  /** The status answered; 0 when the stub dropped the connection instead. */
  answered: number;
}

/**
 * Starts the mail provider stub (mail-stub.mjs) in a process group of its own on a free port:
 * it drops the connections of the first `drop` requests unanswered, answers the next `fail`
 * requests with `failStatus`, the rest with 202.
 */
export async function startMailStub(fail: number, failStatus = 500, drop = 0): Promise<Started & { seen(): SeenRequest[] }> {
  const port = await freePort();
  const proc = spawnGroup(process.execPath, [stubFile(), '--port', String(port), '--drop', String(drop), '--fail', String(fail), '--fail-status', String(failStatus)], {
    cwd: dirname(stubFile()),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  const started = { what: 'mail stub', process: proc, port };
  await waitListening(started);
  return {
    ...started,
    seen: () =>
      proc
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as SeenRequest),
  };
}

/** Next to this module when run from source, or src/verify/services under the package when bundled. */
function stubFile(): string {
  const here = join(dirname(fileURLToPath(import.meta.url)), 'mail-stub.mjs');
  return existsSync(here) ? here : join(packageRoot(), 'src', 'verify', 'services', 'mail-stub.mjs');
}
