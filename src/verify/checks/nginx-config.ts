import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chapter, Check } from '../chapter.js';
import { MANIFEST_FILE, type RunManifest } from '../manifest.js';
import { lineOf, parseNginx, proxyTargets, servers, staticLocations, trimSlash } from '../nginx/config.js';
import { nginxImageLayout } from '../nginx/image-layout.js';
import type { Finding, Variant } from '../types.js';

/**
 * nginx-config: for a chapter whose Pod has nginx in front of the app (example.json `nginx`),
 * the tree's nginx config (parsed with nginx-conf) and the nginx image agree: nginx listens on
 * the port the chart declares, serves the static path from the folder the image puts the bundle
 * in, takes the bundle from where the assets build writes it, passes other requests to the
 * app's port on localhost, and the image carries this very config. Real nginx runs it later
 * (assets-run); this check names the line that is wrong.
 */
export const nginxConfigCheck: Check = {
  async run(chapter) {
    const read = await chapter.manifest();
    if (!read.ok) return [{ variant: 'both', status: 'fail', message: read.error, file: MANIFEST_FILE }];
    if (!read.manifest.nginx) return [];
    const findings: Finding[] = [];
    for (const variant of chapter.variants()) findings.push(...(await checkVariant(chapter, variant, read.manifest)));
    return findings;
  },
};

async function checkVariant(chapter: Chapter, variant: Variant, example: RunManifest): Promise<Finding[]> {
  const nginx = example.nginx!;
  const file = `${variant}/${nginx.config}`;
  const fail = (message: string, at = file, line?: number): Finding => ({ variant, status: 'fail', message, file: at, line });
  let text: string;
  try {
    text = await readFile(join(chapter.dir, file), 'utf8');
  } catch {
    return [fail(`${file} is missing (example.json nginx.config names it)`)];
  }
  let root;
  try {
    root = parseNginx(text);
  } catch (error) {
    return [fail(`not a valid nginx config: ${(error as Error).message}`)];
  }
  const server = servers(root)[0];
  if (!server) return [fail('no http { server { … } } block')];
  const problems: Finding[] = [];
  const listens = server.children.filter((c) => c.name === 'listen').map((c) => c.value.split(/\s+/)[0]!);
  if (!listens.some((l) => l === String(nginx.port) || l.endsWith(`:${nginx.port}`))) {
    problems.push(fail(`nginx listens on ${listens.join(', ') || 'nothing'}, but the chart's nginx container port is ${nginx.port}`, file, lineOf(text, 'listen')));
  }
  const upstreams = proxyTargets(root, server).flatMap((p) => p.servers);
  const appAddress = [`127.0.0.1:${example.port}`, `localhost:${example.port}`];
  if (!upstreams.some((u) => appAddress.includes(u))) {
    problems.push(fail(`nginx passes requests to ${upstreams.join(', ') || 'nothing'}, not to the app at 127.0.0.1:${example.port} in the same Pod`, file, lineOf(text, 'proxy_pass') ?? lineOf(text, 'server')));
  }
  const location = staticLocations(server).find((l) => trimSlash(l.prefix) === trimSlash(nginx.static_path));
  const werf = await chapter.werf(variant);
  if (werf.status !== 'ok') return [...problems, { variant, status: 'skip', message: `the nginx image is not checked: ${werf.file} could not be read (see werf-schema)` }];
  const layout = await nginxImageLayout(variant, chapter.variantDir(variant), werf.config, nginx.image);
  if (typeof layout === 'string') return [...problems, fail(layout, werf.config.file)];
  if (!location) {
    problems.push(fail(`no location ${nginx.static_path} serves files from disk (root or alias)`, file, lineOf(text, 'location')));
  } else if (!layout.bundles.some((b) => trimSlash(b.to) === location.dir)) {
    const into = layout.bundles.map((b) => b.to).join(', ') || 'nowhere (no import or COPY --from)';
    problems.push(fail(`location ${location.prefix} serves ${location.dir} (${location.directive} ${location.path}), but the image puts the bundle in ${into}`, file, lineOf(text, location.directive, location.path)));
  }
  if (example.assets) {
    for (const bundle of layout.bundles) {
      const workdir = layout.builds.get(bundle.source);
      if (workdir === undefined) {
        problems.push(fail(`the bundle comes from "${bundle.source}", which builds nothing here (no such artifact or stage with a workdir)`, bundle.file, bundle.line));
        continue;
      }
      const expected = `${trimSlash(workdir)}/${example.assets.output}`;
      const from = bundle.from.startsWith('/') ? bundle.from : `${trimSlash(workdir)}/${bundle.from}`;
      if (trimSlash(from) !== expected) problems.push(fail(`the image copies ${bundle.from} from ${bundle.source}, but the build writes the bundle to ${expected}`, bundle.file, bundle.line));
    }
  }
  if (!layout.config) problems.push(fail('the nginx image never writes /etc/nginx/nginx.conf, so the official image serves its default site', werf.config.file));
  else if (layout.config.text !== undefined && layout.config.text !== text) problems.push(fail(`the config the image writes differs from ${file}`, layout.config.file, layout.config.line));
  else if (layout.config.from !== undefined && layout.config.from !== nginx.config) problems.push(fail(`the image copies ${layout.config.from} as nginx.conf, not ${nginx.config}`, layout.config.file, layout.config.line));
  if (problems.length > 0) return problems;
  return [{ variant, status: 'pass', message: `nginx listens on ${nginx.port}, serves ${nginx.static_path} from ${location!.dir} where the image puts the bundle, passes the rest to 127.0.0.1:${example.port}`, file }];
}
