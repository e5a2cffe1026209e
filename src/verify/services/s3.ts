import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from '../run/http.js';
import { spawnGroup } from '../run/processes.js';
import { waitListening, type Started } from './app.js';

/** The access key s3rver accepts: it checks every request's signature against it. */
export const S3RVER_KEY = { id: 'S3RVER', secret: 'S3RVER' };

/**
 * A local S3-compatible server: s3rver (npm), run by its own command line in a process group
 * of its own, on 127.0.0.1 and a free port, storing objects under `dir`, with the bucket made.
 * It checks request signatures, so a client that signs with the wrong key is refused.
 */
export async function startS3(dir: string, bucket: string): Promise<Started> {
  const port = await freePort();
  const bin = s3rverBin();
  const proc = spawnGroup(process.execPath, [bin, '--address', '127.0.0.1', '--port', String(port), '--directory', dir, '--configure-bucket', bucket, '--silent'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  const started: Started = { what: 's3rver', process: proc, port };
  await waitListening(started);
  return started;
}

/** Where s3rver keeps an object's bytes: `<dir>/<bucket>/<key>._S3rver_object` (its file store layout). */
export async function storedObject(dir: string, bucket: string, key: string): Promise<Buffer | undefined> {
  const path = join(dir, bucket, `${key}._S3rver_object`);
  return existsSync(path) ? readFile(path) : undefined;
}

function s3rverBin(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('s3rver/package.json');
  const bin = (require(pkg) as { bin: Record<string, string> | string }).bin;
  return join(dirname(pkg), typeof bin === 'string' ? bin : bin.s3rver!);
}
