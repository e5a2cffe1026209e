import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chapter, Check } from '../chapter.js';
import { MANIFEST_FILE, type RunManifest } from '../manifest.js';
import { nginxImageLayout } from '../nginx/image-layout.js';
import { httpGet } from '../run/http.js';
import { prepareAppDir } from '../run/node-deps.js';
import { requireRuntime } from '../run/runtime.js';
import { buildBundle, workFolder } from '../services/assets-build.js';
import { startApp, startedText, stopAll, type Started } from '../services/app.js';
import { startNginx } from '../services/nginx.js';
import type { Finding, Variant } from '../types.js';

// gunicorn workers import the app on the first request (no --preload): with boto3 and redis-py
// on a busy shared machine that alone can take over 10 s
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * assets-run: the bundle built for real (the tree's install and build commands in a copy of
 * its assets folder), the app started, and Debian's nginx started with the tree's own config
 * (localised: see services/nginx.ts) in front of it, as the Pod runs them. Then
 * `GET <static_path><bundle>` through nginx must answer 200 with the very bytes the build
 * wrote, and `GET /` must reach the app. Everything started is stopped by its process group and
 * the ports are checked closed; the result says what ran.
 */
export const assetsRunCheck: Check = {
  async run(chapter) {
    const read = await chapter.manifest();
    if (!read.ok) return [{ variant: 'both', status: 'fail', message: read.error, file: MANIFEST_FILE }];
    const example = read.manifest;
    if (!example.assets || !example.nginx) return [];
    const findings: Finding[] = [];
    // each builder has its own nginx image recipe, so each runs; the app is the same program
    for (const variant of chapter.variants()) findings.push(await runVariant(chapter, variant, example));
    return findings;
  },
};

async function runVariant(chapter: Chapter, variant: Variant, example: RunManifest): Promise<Finding> {
  const nginx = example.nginx!;
  const dir = chapter.variantDir(variant);
  const werf = await chapter.werf(variant);
  if (werf.status !== 'ok') return { variant, status: 'skip', message: `not run: ${werf.file} could not be read (see werf-schema)` };
  const layout = await nginxImageLayout(variant, dir, werf.config, nginx.image);
  if (typeof layout === 'string' || layout.bundles.length === 0) return { variant, status: 'skip', message: 'not run: the nginx image gets no bundle (see nginx-config)' };
  await requireRuntime(example, dir, 'run');
  const work = await workFolder();
  const started: Started[] = [];
  let appDir: Awaited<ReturnType<typeof prepareAppDir>> | undefined;
  let finding: Finding;
  try {
    const built = await buildBundle(example, dir);
    const config = await readFile(join(dir, nginx.config), 'utf8');
    appDir = await prepareAppDir(example, dir, 'run');
    const app = await startApp(example, appDir.dir);
    started.push(app);
    const server = await startNginx(config, { port: nginx.port, appPort: example.port, localAppPort: app.port, runDir: join(work, 'nginx'), bundleDir: built.outputDir, bundleTo: layout.bundles[0]!.to });
    started.push(server);
    const base = `http://127.0.0.1:${server.port}`;
    const bundlePath = `${nginx.static_path}${example.assets!.bundle}`;
    const asset = await httpGet(`${base}${bundlePath}`, REQUEST_TIMEOUT_MS);
    const page = await httpGet(`${base}${example.expect.path}`, REQUEST_TIMEOUT_MS);
    if (asset.status !== 200) finding = { variant, status: 'fail', message: `GET ${bundlePath} through nginx answered ${asset.status}, expected 200 with the built bundle` };
    else if (asset.body !== built.bundle.toString('utf8')) finding = { variant, status: 'fail', message: `GET ${bundlePath} through nginx answered 200 but not with the bundle the build wrote (${asset.body.length} bytes, built ${built.bundle.length})` };
    else if (page.status !== example.expect.status || !page.body.includes(example.expect.body)) {
      finding = { variant, status: 'fail', message: `GET ${example.expect.path} through nginx answered ${page.status} ${JSON.stringify(page.body.slice(0, 120))}, expected the app's ${example.expect.status} with ${JSON.stringify(example.expect.body)}` };
    } else {
      finding = {
        variant,
        status: 'pass',
        message: `built the bundle (${built.said}); ${startedText(started)}; GET ${bundlePath} → 200 with the built ${built.bundle.length} bytes, GET ${example.expect.path} → the app's ${page.status}`,
      };
    }
  } catch (error) {
    finding = { variant, status: 'fail', message: (error as Error).message };
  }
  const stopped = await stopAll(started);
  await appDir?.dispose();
  await rm(work, { recursive: true, force: true });
  if (stopped.leftover) return { variant, status: 'fail', message: stopped.leftover };
  if (started.length) finding.message += `; ${stopped.said}`;
  return finding;
}
