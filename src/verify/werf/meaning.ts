import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { unpinnedBecause } from '../image-ref.js';
import type { Variant } from '../types.js';
import type { YamlPath } from '../yaml-locate.js';
import { stapelStageNames } from './schema.js';
import { werfImages, type WerfConfig, type WerfDocument } from './config.js';

/** Something the schema cannot see: a reference, a path on disk, a rule across documents. */
export interface MeaningProblem {
  doc: WerfDocument;
  path: YamlPath;
  atKey?: boolean;
  message: string;
}

/** Meaning checks on a config that already passed the schema. */
export function meaningProblems(config: WerfConfig, variant: Variant, variantDir: string): MeaningProblem[] {
  const problems: MeaningProblem[] = [];
  const docs = config.docs;
  const metas = docs.filter((d) => d.kind === 'meta');
  if (metas.length !== 1 || docs[0]?.kind !== 'meta') {
    const doc = metas[1] ?? docs[0];
    if (doc) problems.push({ doc, path: [], message: 'werf.yaml must start with exactly one document holding project and configVersion' });
  }

  const names = new Map<string, WerfDocument>();
  for (const image of werfImages(config)) {
    if (names.has(image.name)) problems.push({ doc: image.source, path: [image.kind], message: `${image.kind} name "${image.name}" is used twice` });
    names.set(image.name, image.source);
  }
  const refersTo = (name: unknown) => typeof name === 'string' && names.has(name);

  for (const doc of docs) {
    if (doc.kind !== 'image' && doc.kind !== 'artifact') continue;
    if ('dockerfile' in doc.data) problems.push(...dockerfileProblems(doc, variantDir));
    else problems.push(...baseImageProblems(doc, refersTo), ...gitProblems(doc, variantDir), ...importProblems(doc, refersTo), ...mountProblems(doc));
  }

  const builds = docs.filter((d) => d.kind === 'image');
  const fromDockerfile = builds.some((d) => 'dockerfile' in d.data);
  const stapel = builds.some((d) => !('dockerfile' in d.data));
  const anchor = docs[0];
  if (anchor && variant === 'dockerfile' && !fromDockerfile) {
    problems.push({ doc: anchor, path: [], message: 'the dockerfile variant builds no image from a Dockerfile (no `dockerfile:` directive)' });
  }
  if (anchor && variant === 'stapel' && !stapel) {
    problems.push({ doc: anchor, path: [], message: 'the stapel variant builds no Stapel image (every image uses `dockerfile:`)' });
  }
  return problems;
}

function baseImageProblems(doc: WerfDocument, refersTo: (name: unknown) => boolean): MeaningProblem[] {
  const { data } = doc;
  if (data.fromLatest === true) return [{ doc, path: ['fromLatest'], atKey: true, message: 'fromLatest makes every build pull whatever the tag points to now; remove it and pin from' }];
  if (typeof data.from === 'string') {
    const why = unpinnedBecause(data.from);
    return why ? [{ doc, path: ['from'], message: `from ${why}` }] : [];
  }
  for (const key of ['fromImage', 'fromArtifact'] as const) {
    if (key in data) return refersTo(data[key]) ? [] : [{ doc, path: [key], message: `${key} "${String(data[key])}" is not defined in werf.yaml` }];
  }
  return [{ doc, path: [doc.kind], message: 'no base image: add from: <image>:<tag>' }];
}

/**
 * werf reads stageDependencies paths relative to the git entry's `add` and watches only files
 * under it, so a path that climbs out (`../requirements.txt`) or is absolute never triggers the
 * stage. A plain path (no glob) must name something that exists, or the lock file was misnamed.
 */
function gitProblems(doc: WerfDocument, variantDir: string): MeaningProblem[] {
  const problems: MeaningProblem[] = [];
  const entries = Array.isArray(doc.data.git) ? (doc.data.git as Record<string, unknown>[]) : [];
  entries.forEach((entry, i) => {
    const remote = typeof entry.url === 'string';
    const add = typeof entry.add === 'string' ? entry.add : '/';
    const addDir = join(variantDir, add);
    if (!remote && !existsSync(addDir)) {
      problems.push({ doc, path: ['git', i, 'add'], message: `git add "${add}" does not exist in the repository` });
      return;
    }
    const deps = (entry.stageDependencies ?? {}) as Record<string, unknown>;
    for (const stage of stapelStageNames) {
      const value = deps[stage];
      const paths = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
      paths.forEach((path, j) => {
        const at: YamlPath = typeof value === 'string' ? ['git', i, 'stageDependencies', stage] : ['git', i, 'stageDependencies', stage, j];
        const why = stageDependencyProblem(path, add, addDir, remote);
        if (why) problems.push({ doc, path: at, message: `stageDependencies.${stage} "${path}" ${why}` });
      });
    }
  });
  return problems;
}

function stageDependencyProblem(path: string, add: string, addDir: string, remote: boolean): string | undefined {
  if (path.startsWith('/')) return `is absolute; stageDependencies are relative to add "${add}"`;
  if (path.split('/').includes('..')) return `climbs out of add "${add}"; werf only watches files under it`;
  if (remote || /[*?[{]/.test(path)) return undefined;
  if (!existsSync(join(addDir, path))) {
    // the mistake of writing the path from the repository root: `chat/package.json` under add /chat
    const folder = add.replace(/^\/+|\/+$/g, '');
    const inside = folder && path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : undefined;
    if (inside !== undefined && existsSync(join(addDir, inside))) return `does not exist under add "${add}": stageDependencies are relative to add, not to the repository root; write "${inside}"`;
    return `does not exist under add "${add}"`;
  }
  return undefined;
}

function importProblems(doc: WerfDocument, refersTo: (name: unknown) => boolean): MeaningProblem[] {
  const problems: MeaningProblem[] = [];
  const imports = Array.isArray(doc.data.import) ? (doc.data.import as Record<string, unknown>[]) : [];
  imports.forEach((item, i) => {
    const sources = ['artifact', 'image'].filter((k) => k in item);
    if (sources.length !== 1) problems.push({ doc, path: ['import', i], message: 'import needs exactly one of artifact or image' });
    else if (!refersTo(item[sources[0]!])) problems.push({ doc, path: ['import', i, sources[0]!], message: `import from "${String(item[sources[0]!])}", which werf.yaml does not define` });
    if (['before', 'after'].filter((k) => k in item).length !== 1) problems.push({ doc, path: ['import', i], message: 'import needs exactly one of before or after' });
  });
  return problems;
}

function mountProblems(doc: WerfDocument): MeaningProblem[] {
  const mounts = Array.isArray(doc.data.mount) ? (doc.data.mount as Record<string, unknown>[]) : [];
  return mounts.flatMap((mount, i) =>
    ['from', 'fromPath'].filter((k) => k in mount).length === 1 ? [] : [{ doc, path: ['mount', i], message: 'mount needs exactly one of from or fromPath' }],
  );
}

/** `dockerfile` is read relative to `context` (the project folder when context is absent). */
function dockerfileProblems(doc: WerfDocument, variantDir: string): MeaningProblem[] {
  const context = typeof doc.data.context === 'string' ? doc.data.context : '.';
  const dockerfile = String(doc.data.dockerfile);
  for (const [key, value] of [['context', context], ['dockerfile', dockerfile]] as const) {
    if (value.startsWith('/') || normalize(value).split('/').includes('..')) {
      return [{ doc, path: [key], message: `${key} "${value}" must be a path inside the repository` }];
    }
  }
  if (!existsSync(join(variantDir, context, dockerfile))) {
    return [{ doc, path: ['dockerfile'], message: `dockerfile "${join(context, dockerfile)}" does not exist` }];
  }
  return [];
}
