import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { Chapter } from '../verify/chapter.js';
import { manifestsOf } from '../verify/helm/manifests.js';
import { treeHash } from '../verify/stamp.js';
import { werfImages } from '../verify/werf/config.js';
import { writeFileAtomic } from '../util/write.js';
import { toDot } from './dot.js';
import { chartGraph } from './graph.js';
import { DIAGRAM_FILE, stampLine } from './stamp.js';
import { dotToSvg } from './svg.js';

/** The environment whose render is drawn; the chapters' charts differ between environments only in values. */
const DRAWN_ENV = 'production';

export type DrawOutcome = { status: 'drawn'; file: string; svg: string } | { status: 'skipped'; reason: string };

/**
 * Draws `diagram.svg` of one chapter folder (out/<stack>/examples/<chapter>) from its Stapel tree:
 * the chart rendered exactly as test-examples renders it, and werf.yaml's images. The picture
 * carries the tree hash it was drawn from, which `check` compares (rule diagram-fresh).
 */
export async function drawChapterDiagram(chapterDir: string, chapter = new Chapter(chapterDir)): Promise<DrawOutcome> {
  const variant = chapter.variants()[0];
  if (variant === undefined) return { status: 'skipped', reason: 'no stapel/ or dockerfile/ tree' };
  const werf = await chapter.werf(variant);
  if (werf.status !== 'ok') return { status: 'skipped', reason: `${werf.file} is not readable (see werf-schema)` };
  const render = await chapter.render(variant);
  if (render.status !== 'ok') return { status: 'skipped', reason: `the chart does not render (see helm-render)` };
  const envRender = render.renders.find((r) => r.env === DRAWN_ENV) ?? render.renders[0]!;
  const { manifests } = manifestsOf(envRender);
  const graph = chartGraph({
    title: `${basename(chapterDir)} (${variant}): объекты чарта при выкате в ${envRender.env}`,
    project: render.project,
    manifests,
    images: werfImages(werf.config),
    dependencies: await subcharts(join(chapterDir, variant, '.helm')),
  });
  const svg = withStamp(await dotToSvg(toDot(graph)), await treeHash(chapterDir));
  const file = join(chapterDir, DIAGRAM_FILE);
  await writeFileAtomic(file, svg);
  return { status: 'drawn', file, svg };
}

/** Puts the stamp right after the XML declaration, so it is read without parsing the picture. */
function withStamp(svg: string, hash: string): string {
  const end = svg.startsWith('<?xml') ? svg.indexOf('?>') + 2 : 0;
  return `${svg.slice(0, end)}\n${stampLine(hash)}${svg.slice(end)}`;
}

/** Helm 2 subchart dependencies: `requirements.yaml` (`dependencies: [{name, version}]`). */
async function subcharts(helmDir: string): Promise<Array<{ name: string; version: string }>> {
  const file = join(helmDir, 'requirements.yaml');
  if (!existsSync(file)) return [];
  const data = parse(await readFile(file, 'utf8')) as { dependencies?: unknown } | null;
  const deps = Array.isArray(data?.dependencies) ? data.dependencies : [];
  return deps
    .filter((d): d is { name: string; version?: unknown } => typeof d?.name === 'string')
    .map((d) => ({ name: d.name, version: d.version === undefined ? '' : String(d.version) }));
}
