import { existsSync, readFileSync } from 'node:fs';
import type { Finding, Rule } from '../types.js';

/** An npm or yarn install command, up to the end of its shell command (`&&`, `;`, `|`, line end). */
const INSTALL = /\b(?:npm\s+(?:ci|install|i)|yarn(?:\s+install)?)\b(?!\s+--package-lock-only)[^&;|\n]*/g;
/** What keeps devDependencies out: a flag, or NODE_ENV=production (npm then omits dev by default). */
const OMITS_DEV = /--omit[= ]dev\b|--production\b|--only[= ]prod(?:uction)?\b|\bNODE_ENV=["']?production\b/;

/**
 * `no-dev-deps-in-image`: the image the app runs from does not install devDependencies (test
 * runners, linters): `npm ci` without `--omit=dev` ships them to production. Read in every example
 * tree's final image: a werf.yaml `image:` (artifacts build things and may need them), and a
 * Dockerfile's last stage. `NODE_ENV=production` set for the image (`ENV`, werf `docker.ENV`) or
 * on the command counts as omitting them.
 */
export const noDevDepsInImage: Rule = {
  id: 'no-dev-deps-in-image',
  doc: 'The image the app runs from installs no devDependencies (npm ci --omit=dev).',
  severity: 'error',
  run({ build, outDir }) {
    if (build === undefined) return [];
    const slug = build.profile.stack.slug;
    const findings: Finding[] = [];
    for (const path of build.trees.keys()) {
      const kind = /\/werf\.yaml$/.test(path) ? 'werf' : /\/Dockerfile$/.test(path) ? 'docker' : undefined;
      const file = `${outDir}/${slug}/examples/${path}`;
      if (kind === undefined || !existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const [offset, part] of finalImageParts(text, kind)) {
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

/** The parts of a file that make the final image, with their offsets. */
function finalImageParts(text: string, kind: 'werf' | 'docker'): Array<[number, string]> {
  if (kind === 'docker') {
    const froms = [...text.matchAll(/^FROM\s/gim)];
    const at = froms.at(-1)?.index ?? 0;
    return [[at, text.slice(at)]];
  }
  const parts: Array<[number, string]> = [];
  const cuts = [...text.matchAll(/^---[ \t]*$/gm)].map((m) => [m.index, m.index + m[0].length] as const);
  let at = 0;
  for (const [start, end] of [...cuts, [text.length, text.length] as const]) {
    const doc = text.slice(at, start);
    if (/^image:/m.test(doc) && !/^artifact:/m.test(doc)) parts.push([at, doc]);
    at = end;
  }
  return parts;
}

function lineOf(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}
