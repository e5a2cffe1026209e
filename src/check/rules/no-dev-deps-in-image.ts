import { existsSync, readFileSync } from 'node:fs';
import type { Finding, Rule } from '../types.js';

/** An npm or yarn install command, up to the end of its shell command (`&&`, `;`, `|`, line end). */
const INSTALL = /\b(?:npm\s+(?:ci|install|i)|yarn(?:\s+install)?)\b(?!\s+--package-lock-only)[^&;|\n]*/g;
/** What keeps devDependencies out: a flag, or NODE_ENV=production (npm then omits dev by default). */
const OMITS_DEV = /--omit[= ]dev\b|--production\b|--only[= ]prod(?:uction)?\b|\bNODE_ENV=["']?production\b/;

/**
 * `no-dev-deps-in-image`: the images the app runs from do not install devDependencies (test
 * runners, linters): `npm ci` without `--omit=dev` ships them to production. Those images are the
 * ones the tree's chart deploys (`tuple "<name>" . | include "werf_container_image"`), with the
 * images they are built from (werf `fromImage`; in a Dockerfile the stage werf.yaml targets, or
 * the last one, and the stages it starts `FROM`). An image nothing deploys, such as the test
 * image the CI test jobs run, may hold the test tools; artifacts build things and may need them.
 * A tree without a chart counts every werf.yaml `image:` and the Dockerfile's last stage. An image
 * reads `dockerfile` inside its `context` (a second app's folder), so each Dockerfile is judged by
 * the images that build from it.
 * `NODE_ENV=production` set for the image (`ENV`, werf `docker.ENV`) or on the command counts as
 * omitting them.
 */
export const noDevDepsInImage: Rule = {
  id: 'no-dev-deps-in-image',
  doc: 'The images the chart deploys install no devDependencies (npm ci --omit=dev); a test image may.',
  severity: 'error',
  run({ build, outDir }) {
    if (build === undefined) return [];
    const slug = build.profile.stack.slug;
    const findings: Finding[] = [];
    const read = (path: string): string | undefined => {
      const file = `${outDir}/${slug}/examples/${path}`;
      return build.trees.has(path) && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    };
    for (const path of build.trees.keys()) {
      const kind = /\/werf\.yaml$/.test(path) ? 'werf' : /\/Dockerfile$/.test(path) ? 'docker' : undefined;
      const text = kind === undefined ? undefined : read(path);
      if (kind === undefined || text === undefined) continue;
      // the repository is <chapter>/<variant>/: its werf.yaml and chart are there, while a
      // Dockerfile may sit in a subfolder that an image names as its `context`
      const treeDir = path.split('/').slice(0, 2).join('/');
      const deployed = deployedImages(build.trees.keys(), treeDir, read);
      const werfImages = parseWerfImages(kind === 'werf' ? text : (read(`${treeDir}/werf.yaml`) ?? ''));
      const ownImages = werfImages.filter((i) => i.dockerfilePath === path.slice(treeDir.length + 1));
      const parts = kind === 'werf' ? werfParts(werfImages, deployed) : dockerParts(text, ownImages, deployed);
      const file = `${outDir}/${slug}/examples/${path}`;
      for (const [offset, part] of parts) {
        const productionEnv = /(?:^|\n)\s*(?:ENV\s+NODE_ENV[= ]|NODE_ENV:\s*)["']?production/.test(part);
        for (const m of part.matchAll(INSTALL)) {
          if (productionEnv || OMITS_DEV.test(m[0]) || OMITS_DEV.test(lineOf(part, m.index))) continue;
          const line = text.slice(0, offset + m.index).split('\n').length;
          findings.push({
            rule: this.id, severity: this.severity, file, line, column: 1, key: `${path} ${m[0].trim()}`,
            message: `\`${m[0].trim()}\` installs devDependencies into the image the app runs from; add --omit=dev (or set NODE_ENV=production for the image)`,
          });
        }
      }
    }
    return findings;
  },
};

/** A werf.yaml document that makes an image (not an artifact), with where it starts. */
interface WerfImage {
  name: string;
  offset: number;
  text: string;
  fromImage?: string;
  target?: string;
  dockerfile: boolean;
  /** The Dockerfile it builds from, relative to the repository: `dockerfile` inside `context`. */
  dockerfilePath?: string;
}

function parseWerfImages(text: string): WerfImage[] {
  const images: WerfImage[] = [];
  const cuts = [...text.matchAll(/^---[ \t]*$/gm)].map((m) => [m.index, m.index + m[0].length] as const);
  let at = 0;
  for (const [start, end] of [...cuts, [text.length, text.length] as const]) {
    const doc = text.slice(at, start);
    const name = /^image:[ \t]*["']?([^\s"'#]+)/m.exec(doc)?.[1];
    if (name !== undefined && !/^artifact:/m.test(doc)) {
      images.push({
        name, offset: at, text: doc, dockerfile: /^dockerfile:/m.test(doc),
        fromImage: /^fromImage:[ \t]*["']?([^\s"'#]+)/m.exec(doc)?.[1],
        target: /^target:[ \t]*["']?([^\s"'#]+)/m.exec(doc)?.[1],
        dockerfilePath: dockerfilePath(doc),
      });
    }
    at = end;
  }
  return images;
}

/** werf 1.1 reads `dockerfile` relative to `context` (the repository root when there is none). */
function dockerfilePath(doc: string): string | undefined {
  const value = (key: string) => new RegExp(`^${key}:[ \\t]*["']?([^\\s"'#]+)`, 'm').exec(doc)?.[1];
  const dockerfile = value('dockerfile');
  if (dockerfile === undefined) return undefined;
  const context = (value('context') ?? '').replace(/^\.\/?/, '').replace(/\/+$/, '');
  return (context ? `${context}/${dockerfile}` : dockerfile).replace(/^\.\//, '');
}

/**
 * The werf images the tree's chart deploys, or undefined when the tree has no chart that names
 * any (then every image counts).
 */
function deployedImages(paths: Iterable<string>, treeDir: string, read: (path: string) => string | undefined): Set<string> | undefined {
  const names = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith(`${treeDir}/.helm/templates/`)) continue;
    for (const m of (read(path) ?? '').matchAll(/tuple\s+"([^"]+)"[^}]*?include\s+"werf_container_(?:image|env)"/g)) names.add(m[1]!);
  }
  return names.size > 0 ? names : undefined;
}

/** The werf.yaml documents of the deployed images and of the images they are built `fromImage`. */
function werfParts(images: WerfImage[], deployed: Set<string> | undefined): Array<[number, string]> {
  const wanted = new Set<string>();
  const want = (name: string | undefined): void => {
    if (name === undefined || wanted.has(name)) return;
    wanted.add(name);
    want(images.find((i) => i.name === name)?.fromImage);
  };
  for (const image of images) if (deployed === undefined || deployed.has(image.name)) want(image.name);
  return images.filter((i) => wanted.has(i.name)).map((i) => [i.offset, i.text]);
}

/**
 * The Dockerfile stages the deployed images are built from: the stage each one targets (the last
 * when it names none) and, through `FROM <stage>`, the stages those start from.
 */
function dockerParts(text: string, images: WerfImage[], deployed: Set<string> | undefined): Array<[number, string]> {
  const froms = [...text.matchAll(/^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/gim)];
  if (froms.length === 0) return [[0, text]];
  const stages = froms.map((m, i) => ({ base: m[1]!, name: m[2]?.toLowerCase(), offset: m.index, text: text.slice(m.index, froms[i + 1]?.index ?? text.length) }));
  const last = stages.length - 1;
  const targets = images.filter((i) => i.dockerfile && (deployed === undefined || deployed.has(i.name))).map((i) => i.target?.toLowerCase());
  const wanted = new Set<number>();
  const want = (index: number): void => {
    if (index < 0 || wanted.has(index)) return;
    wanted.add(index);
    want(stages.findIndex((s, i) => i < index && s.name !== undefined && s.name === stages[index]!.base.toLowerCase()));
  };
  if (targets.length === 0) want(last);
  for (const target of targets) want(target === undefined ? last : stages.findIndex((s) => s.name === target));
  return stages.filter((_, i) => wanted.has(i)).map((s) => [s.offset, s.text]);
}

function lineOf(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}
