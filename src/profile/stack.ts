import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { FrontMatter } from '../skeleton/frontmatter.js';
import { UserError } from '../util/errors.js';
import type { Layer, LayerKind, Stack } from './types.js';

const KINDS: readonly LayerKind[] = ['base', 'language', 'framework', 'package_manager', 'unit_tests', 'assets_generator', 'ci'];

/** Front-matter keys that choose layers, in stacking order, with the `*_possible` list that bounds them. */
export const CHOOSERS: ReadonlyArray<{ key: string; possible?: string; kind: LayerKind }> = [
  { key: 'language', kind: 'language' },
  { key: 'framework', kind: 'framework' },
  { key: 'package_managers_chosen', possible: 'package_managers_possible', kind: 'package_manager' },
  { key: 'unit_tests_chosen', possible: 'unit_tests_possible', kind: 'unit_tests' },
  { key: 'assets_generator_chosen', possible: 'assets_generator_possible', kind: 'assets_generator' },
  { key: 'ci', kind: 'ci' },
];

/**
 * The stack for a skeleton: the layers `--stack` names, or those its front-matter chooses.
 * `base` always comes first; the front-matter's `ci` layer is added when `--stack` names none.
 */
export function resolveStack(profilesDir: string, file: string, frontMatter: FrontMatter | undefined, stackArg?: string): Stack {
  if (!existsSync(profilesDir)) throw new UserError(`no profiles folder at ${profilesDir}; pass --profiles DIR`);
  const layers: Layer[] = [];
  if (stackArg !== undefined) {
    let previous: string | undefined;
    for (const segment of stackArg.split('/').filter(Boolean)) {
      const nested = previous !== undefined ? `${previous}/${segment}` : undefined;
      const name = nested !== undefined && existsSync(join(profilesDir, nested)) ? nested : segment;
      layers.push(loadLayerHead(profilesDir, name, `--stack ${stackArg}`));
      previous = name;
    }
    const ci = frontMatter?.data.ci;
    if (!layers.some((l) => l.kind === 'ci') && typeof ci === 'string') layers.push(chooseLayer(profilesDir, file, frontMatter!, 'ci', ci));
  } else {
    if (frontMatter === undefined) {
      throw new UserError('no front-matter to choose a stack from; add one (language: …, framework: …) or pass --stack', file, 1, 1);
    }
    for (const { key, possible, kind } of CHOOSERS) {
      const value = frontMatter.data[key];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string') throw frontMatterError(file, frontMatter, key, `${key} must be a string`);
      if (possible !== undefined) checkPossible(file, frontMatter, key, possible, value);
      const name = kind === 'framework' && typeof frontMatter.data.language === 'string' && existsSync(join(profilesDir, frontMatter.data.language, value))
        ? `${frontMatter.data.language}/${value}`
        : value;
      layers.push(chooseLayer(profilesDir, file, frontMatter, key, name));
    }
  }
  if (layers.length === 0) throw new UserError('the stack has no layers; pass --stack or fill the front-matter', file);
  const base = existsSync(join(profilesDir, 'base')) ? [loadLayerHead(profilesDir, 'base', 'base layer')] : [];
  const all = [...base, ...layers.filter((l) => l.name !== 'base')];
  const slug = all.filter((l) => l.kind !== 'base' && l.kind !== 'ci').map((l) => l.name.split('/').at(-1)!).join('-');
  return { slug, layers: all };
}

function checkPossible(file: string, fm: FrontMatter, key: string, possibleKey: string, value: string): void {
  const possible = fm.data[possibleKey];
  if (!Array.isArray(possible)) return;
  if (!possible.includes(value)) {
    throw frontMatterError(file, fm, key, `${key}: "${value}" is not in ${possibleKey} (${possible.join(', ')}); pick one of them or add it to the list`);
  }
}

function chooseLayer(profilesDir: string, file: string, fm: FrontMatter, key: string, name: string): Layer {
  if (!existsSync(join(profilesDir, name, 'layer.yaml'))) {
    throw frontMatterError(file, fm, key, `${key}: no profile "${name}" under ${profilesDir}/; write ${profilesDir}/${name}/layer.yaml or choose another value`);
  }
  return loadLayerHead(profilesDir, name, `${key} in the front-matter`);
}

function frontMatterError(file: string, fm: FrontMatter, key: string, message: string): UserError {
  const at = fm.keys[key];
  return new UserError(message, file, at?.line, at?.column);
}

/** Reads a layer's `layer.yaml` (its kind) and checks that the layer exists. */
function loadLayerHead(profilesDir: string, name: string, chosenBy: string): Layer {
  const dir = join(profilesDir, name);
  const head = join(dir, 'layer.yaml');
  if (!existsSync(head)) throw new UserError(`no profile layer "${name}" (chosen by ${chosenBy}); expected ${head}`);
  const data = parse(readFileSync(head, 'utf8')) as { kind?: unknown } | null;
  const kind = data?.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as LayerKind)) {
    throw new UserError(`kind must be one of ${KINDS.join(', ')}`, head, 1, 1);
  }
  return { name, dir, kind: kind as LayerKind };
}
