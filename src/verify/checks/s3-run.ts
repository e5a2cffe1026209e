import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check } from '../chapter.js';
import { MANIFEST_FILE, type RunManifest } from '../manifest.js';
import { prepareAppDir } from '../run/node-deps.js';
import { requireRuntime } from '../run/runtime.js';
import { appTargets, type AppTarget } from '../run/targets.js';
import { startApp, startedText, stopAll, type Started } from '../services/app.js';
import { send } from '../services/http.js';
import { S3RVER_KEY, startS3, storedObject } from '../services/s3.js';
import type { Finding } from '../types.js';

const TIMEOUT_MS = 15_000;

/**
 * s3-run: the app with its real S3 client (boto3, the AWS SDK for JavaScript) against a local
 * S3 server (s3rver, which checks request signatures). The app gets the server's address and
 * key in the settings example.json names, and the bucket it is configured with. A file is
 * uploaded through the app, must land in the bucket byte for byte, and must come back through
 * the app the same; a file that was never uploaded must be a 404.
 */
export const s3RunCheck: Check = {
  async run(chapter) {
    const read = await chapter.manifest();
    if (!read.ok) return [{ variant: 'both', status: 'fail', message: read.error, file: MANIFEST_FILE }];
    if (!read.manifest.s3) return [];
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) findings.push(await runTarget(read.manifest, target));
    return findings;
  },
};

async function runTarget(example: RunManifest, target: AppTarget): Promise<Finding> {
  const { variant } = target;
  const s3 = example.s3!;
  const bucket = example.run.env[s3.env.bucket];
  if (!bucket) return { variant, status: 'fail', message: `example.json sets no ${s3.env.bucket}: the app has no bucket to use`, file: MANIFEST_FILE };
  await requireRuntime(example, target.dir, 'run');
  const store = await mkdtemp(join(tmpdir(), 'stackdoc-s3-'));
  const app = await prepareAppDir(example, target.dir, 'run');
  const started: Started[] = [];
  let finding: Finding;
  try {
    const server = await startS3(store, bucket);
    started.push(server);
    const env = { [s3.env.endpoint]: `http://127.0.0.1:${server.port}`, [s3.env.access_key]: S3RVER_KEY.id, [s3.env.secret_key]: S3RVER_KEY.secret };
    started.push(await startApp(example, app.dir, env));
    const base = `http://127.0.0.1:${started[1]!.port}${s3.route}`;
    // binary and text together: the bytes must survive both ways untouched
    const bytes = Buffer.concat([Buffer.from('stackdoc upload\n'), randomBytes(64 * 1024)]);
    const name = `check-${randomBytes(4).toString('hex')}.bin`;
    const put = await send(`${base}${name}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' }, timeoutMs: TIMEOUT_MS });
    const stored = await storedObject(store, bucket, name);
    const got = await send(`${base}${name}`, { method: 'GET', timeoutMs: TIMEOUT_MS });
    const missing = await send(`${base}never-uploaded.txt`, { method: 'GET', timeoutMs: TIMEOUT_MS });
    if (put.status < 200 || put.status > 299) finding = { variant, status: 'fail', message: `PUT ${s3.route}${name} answered ${put.status}: ${put.body.toString('utf8').slice(0, 300)}` };
    else if (!stored?.equals(bytes)) finding = { variant, status: 'fail', message: `after PUT ${s3.route}${name} the bucket ${bucket} ${stored ? 'holds other bytes' : 'has no such object'}: the app did not store the file in S3` };
    else if (got.status !== 200 || !got.body.equals(bytes)) finding = { variant, status: 'fail', message: `GET ${s3.route}${name} answered ${got.status} with ${got.body.length} bytes, not the ${bytes.length} uploaded` };
    else if (missing.status !== 404) finding = { variant, status: 'fail', message: `GET ${s3.route}never-uploaded.txt answered ${missing.status}, expected 404` };
    else {
      finding = {
        variant,
        status: 'pass',
        message: `${startedText(started)}; PUT ${s3.route}${name} → ${put.status}, the ${bytes.length} bytes are in bucket ${bucket}, GET → 200 with the same bytes, a missing file → 404${app.note ? ` (${app.note})` : ''}; ${target.note}`,
      };
    }
  } catch (error) {
    finding = { variant, status: 'fail', message: (error as Error).message };
  }
  const stopped = await stopAll(started);
  await app.dispose();
  await rm(store, { recursive: true, force: true });
  if (stopped.leftover) return { variant, status: 'fail', message: stopped.leftover };
  if (started.length) finding.message += `; ${stopped.said}`;
  return finding;
}
