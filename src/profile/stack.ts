import { join } from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { FrontMatter } from '../skeleton/frontmatter.js';
import { UserError } from '../util/errors.js';
import { isPlainName, listProfileDir, profileEntry, profilesRoot, readProfileText, type AskedBy } from './confine.js';
import type { Layer, LayerKind, Stack } from './types.js';
import { parseProfileYaml } from './yaml.js';

/** Layer kinds in stacking order: a stack lists its layers in this order. */
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

/** Folders of a layer that hold its files, never sub-layers. */
const LAYER_FILES = new Set(['sections', 'examples', 'partials']);

/**
 * The stack for a skeleton: the layers `--stack` names, or those its front-matter chooses, then
 * the layers' declared defaults for the dimensions still open. `base` always comes first; the
 * front-matter's `ci` layer is added when `--stack` names none.
 *
 * `--stack` takes any of these forms, all resolving the same way (README, "Naming a stack"):
 * a layer path (`python/flask/pip/pytest/webpack`), a shorter one that the defaults complete
 * (`python/flask`, `node`), or an output folder's name (`python-flask-pip-pytest-webpack`).
 */
export function resolveStack(profilesDir: string, file: string, frontMatter: FrontMatter | undefined, stackArg?: string): Stack {
  profilesRoot(profilesDir);
  let layers: Layer[] = [];
  if (stackArg !== undefined) {
    const asked: AskedBy = { what: `--stack ${stackArg}` };
    for (const name of stackLayerNames(profilesDir, stackArg)) layers.push(loadLayerHead(profilesDir, name, asked));
    const ci = frontMatter?.data.ci;
    if (!layers.some((l) => l.kind === 'ci') && typeof ci === 'string' && ci !== '') layers.push(chooseLayer(profilesDir, file, frontMatter!, 'ci', ci));
  } else {
    if (frontMatter === undefined) {
      throw new UserError('no front-matter to choose a stack from; add one (language: …, framework: …) or pass --stack', file, 1, 1);
    }
    for (const { key, possible, kind } of CHOOSERS) {
      const value = frontMatter.data[key];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string') throw frontMatterError(file, frontMatter, key, `${key} must be a string`);
      if (possible !== undefined) checkPossible(file, frontMatter, key, possible, value);
      const language = frontMatter.data.language;
      const nested = kind === 'framework' && typeof language === 'string' && isPlainName(language) && isPlainName(value) ? `${language}/${value}` : undefined;
      const name = nested !== undefined && profileEntry(profilesDir, join(profilesDir, nested), placeOf(file, frontMatter, key)) === 'dir' ? nested : value;
      layers.push(chooseLayer(profilesDir, file, frontMatter, key, name));
    }
  }
  if (layers.length === 0) throw new UserError('the stack has no layers; pass --stack or fill the front-matter', file);
  const base = profileEntry(profilesDir, join(profilesDir, 'base', 'layer.yaml'), { what: 'the base layer' }) === 'file'
    ? [loadLayerHead(profilesDir, 'base', { what: 'the base layer' })]
    : [];
  const chosenBy: AskedBy = stackArg !== undefined ? { what: `--stack ${stackArg}` } : { file, line: 1, column: 1 };
  layers = addDefaults(profilesDir, [...base, ...layers.filter((l) => l.name !== 'base')], chosenBy);
  return { slug: slugOf(layers), layers, profilesDir };
}

/** The output folder (`python-flask-pip-pytest-webpack`) of the stack a `--stack` value names, in any of its forms. */
export function stackFolderName(profilesDir: string, stackArg: string): string {
  return resolveStack(profilesDir, `--stack ${stackArg}`, undefined, stackArg).slug;
}

/** The output folder's name: the layers' last segments, without base and ci (`python-flask-pip-pytest-webpack`). */
function slugOf(layers: Layer[]): string {
  return layers.filter((l) => l.kind !== 'base' && l.kind !== 'ci').map((l) => l.name.split('/').at(-1)!).join('-');
}

/**
 * The layer names `--stack` gives. A path: each segment is a layer, or a sub-layer of the one
 * before when `<previous>/<segment>/` exists. A name with `-` and no `/` that is no layer is an
 * output folder's name: its words are matched against the layers' last segments the same way.
 */
function stackLayerNames(profilesDir: string, stackArg: string): string[] {
  const asked: AskedBy = { what: `--stack ${stackArg}` };
  const segments = stackArg.split('/').filter(Boolean);
  for (const segment of segments) {
    if (!isPlainName(segment)) {
      throw new UserError(`--stack ${stackArg}: "${segment}" is not a layer name (a folder under ${profilesDir}/: letters, digits, _ . -); name layers as python/flask/pip or an output folder as python-flask-pip`);
    }
  }
  const isLayer = (name: string): boolean => profileEntry(profilesDir, join(profilesDir, name, 'layer.yaml'), asked) === 'file';
  const words = segments.length === 1 && !isLayer(segments[0]!) && segments[0]!.includes('-') ? segments[0]!.split('-') : segments;
  const names: string[] = [];
  let previous: string | undefined;
  for (let i = 0; i < words.length; ) {
    // longest run of words that names a layer, a sub-layer of the previous one first
    let found: { name: string; next: number } | undefined;
    // a path's segments are taken one at a time; a folder name's words may join (a layer named a-b)
    const longest = words === segments ? i + 1 : words.length;
    for (let j = longest; j > i && found === undefined; j--) {
      const word = words.slice(i, j).join('-');
      if (previous !== undefined && isLayer(`${previous}/${word}`)) found = { name: `${previous}/${word}`, next: j };
      else if (isLayer(word)) found = { name: word, next: j };
    }
    if (found === undefined) {
      throw new UserError(`--stack ${stackArg}: no layer "${words[i]}" in ${profilesDir}/ (layers: ${allLayers(profilesDir).map((l) => l.name).join(', ')})`);
    }
    names.push(found.name);
    previous = found.name;
    i = found.next;
  }
  return names;
}

/**
 * Fills the dimensions the stack leaves open from the layers' `defaults:` (a later layer's
 * default for a dimension wins over an earlier one's: `python/flask` is more specific than
 * `python`), until every declared dimension has a layer. A dimension declared with no default
 * (`~`) that nothing fills is an error naming it and the layers that could fill it.
 */
function addDefaults(profilesDir: string, given: Layer[], chosenBy: AskedBy): Layer[] {
  const layers = [...given];
  for (let round = 0; round < KINDS.length; round++) {
    const wanted = new Map<LayerKind, { layer: string | null; line: number; column: number; from: Layer }>();
    for (const layer of layers) for (const [kind, d] of layer.defaults ?? []) wanted.set(kind, { ...d, from: layer });
    const open = [...wanted].filter(([kind]) => !layers.some((l) => l.kind === kind));
    if (open.length === 0) return layers;
    for (const [kind, d] of open) {
      const head = `${d.from.dir}/layer.yaml`;
      if (d.layer === null) {
        const could = allLayers(profilesDir).filter((l) => l.kind === kind).map((l) => l.name);
        const chooser = CHOOSERS.find((c) => c.kind === kind)?.key;
        const stack = layers.filter((l) => l.kind !== 'base').map((l) => l.name).join(' → ') || 'no layers';
        const message = `the stack (${stack}) has no ${kind} layer, and no default for it (${head}:${d.line}:${d.column} declares ${kind}: ~); ` +
          `name one ${chosenBy.what !== undefined ? 'in --stack' : `as ${chooser ?? kind} in the front-matter`}: layers of kind ${kind} are ${could.join(', ') || 'none yet'}`;
        throw chosenBy.what !== undefined ? new UserError(`${chosenBy.what}: ${message}`) : new UserError(message, chosenBy.file, chosenBy.line, chosenBy.column);
      }
      const layer = loadLayerHead(profilesDir, d.layer, { file: head, line: d.line, column: d.column });
      if (layer.kind !== kind) {
        throw new UserError(`defaults.${kind}: ${d.layer} is a ${layer.kind} layer, not a ${kind} one`, head, d.line, d.column);
      }
      const at = layers.findIndex((l) => KINDS.indexOf(l.kind) > KINDS.indexOf(kind));
      layers.splice(at === -1 ? layers.length : at, 0, layer);
    }
  }
  return layers;
}

/**
 * For a template's undefined variable (`package_manager.name`): when layers of a kind the stack
 * lacks set its top key, a hint naming that dimension and those layers; otherwise undefined.
 */
export function missingDimensionHint(stack: Stack, variable: string): string | undefined {
  const top = variable.split('.')[0]!;
  const have = new Set(stack.layers.map((l) => l.kind));
  const byKind = new Map<LayerKind, string[]>();
  for (const layer of allLayers(stack.profilesDir)) {
    if (have.has(layer.kind)) continue;
    const file = join(layer.dir, 'values.yaml');
    if (profileEntry(stack.profilesDir, file, { file }) !== 'file') continue;
    const data = parseProfileYaml(file, readProfileText(stack.profilesDir, file, { file })).data;
    if (data !== null && typeof data === 'object' && Object.hasOwn(data, top)) byKind.set(layer.kind, [...(byKind.get(layer.kind) ?? []), layer.name]);
  }
  if (byKind.size === 0) return undefined;
  return [...byKind].map(([kind, names]) => `the stack has no ${kind} layer, which would set ${top}: name one in --stack or the front-matter (${names.join(', ')}), or declare a default in a layer's layer.yaml (defaults: {${kind}: ${names[0]}})`).join('; ');
}

/** Every layer under the profiles folder (folders with a layer.yaml), for messages that list them. */
function allLayers(profilesDir: string): Layer[] {
  const found: Layer[] = [];
  const visit = (dir: string, name: string): void => {
    for (const entry of listProfileDir(profilesDir, dir)) {
      if (entry.kind !== 'dir' || LAYER_FILES.has(entry.name)) continue;
      const layerName = name === '' ? entry.name : `${name}/${entry.name}`;
      if (profileEntry(profilesDir, join(entry.path, 'layer.yaml'), { file: entry.path }) === 'file') {
        try {
          found.push(loadLayerHead(profilesDir, layerName, { file: entry.path }));
        } catch (error) {
          if (!(error instanceof UserError)) throw error; // a broken layer is reported when a stack uses it
        }
      }
      visit(entry.path, layerName);
    }
  };
  visit(profilesDir, '');
  return found;
}

function checkPossible(file: string, fm: FrontMatter, key: string, possibleKey: string, value: string): void {
  const possible = fm.data[possibleKey];
  if (!Array.isArray(possible)) return;
  if (!possible.includes(value)) {
    throw frontMatterError(file, fm, key, `${key}: "${value}" is not in ${possibleKey} (${possible.join(', ')}); pick one of them or add it to the list`);
  }
}

function chooseLayer(profilesDir: string, file: string, fm: FrontMatter, key: string, name: string): Layer {
  if (!name.split('/').every(isPlainName)) {
    throw frontMatterError(file, fm, key, `${key}: "${name}" is not a layer name (a folder under ${profilesDir}/: letters, digits, _ . -); choose one of the layers there`);
  }
  const asked = placeOf(file, fm, key);
  if (profileEntry(profilesDir, join(profilesDir, name, 'layer.yaml'), asked) === 'missing') {
    throw frontMatterError(file, fm, key, `${key}: no profile "${name}" under ${profilesDir}/; write ${profilesDir}/${name}/layer.yaml or choose another value`);
  }
  return loadLayerHead(profilesDir, name, asked);
}

function placeOf(file: string, fm: FrontMatter, key: string): AskedBy {
  const at = fm.keys[key];
  return { file, line: at?.line, column: at?.column };
}

function frontMatterError(file: string, fm: FrontMatter, key: string, message: string): UserError {
  const at = fm.keys[key];
  return new UserError(message, file, at?.line, at?.column);
}

/** Reads a layer's `layer.yaml` (its kind and defaults), confined to the profiles folder. */
function loadLayerHead(profilesDir: string, name: string, askedBy: AskedBy): Layer {
  const dir = join(profilesDir, name);
  const head = join(dir, 'layer.yaml');
  const asked = askedBy;
  if (profileEntry(profilesDir, dir, asked) !== 'dir' || profileEntry(profilesDir, head, asked) === 'missing') {
    const who = askedBy.what ?? (askedBy.file !== undefined ? `${askedBy.file}${askedBy.line !== undefined ? `:${askedBy.line}:${askedBy.column}` : ''}` : 'the stack');
    throw new UserError(`no profile layer "${name}" (named by ${who}); expected ${head}`);
  }
  const { doc, lines, data } = parseProfileYaml(head, readProfileText(profilesDir, head, asked));
  const map = (data ?? {}) as { kind?: unknown; defaults?: unknown };
  const kind = map.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as LayerKind)) {
    const node = doc.get('kind', true) as { range?: [number, number] } | undefined;
    const pos = lines.linePos(node?.range?.[0] ?? 0);
    throw new UserError(`kind must be one of ${KINDS.join(', ')}`, head, pos.line, pos.col);
  }
  const defaults = new Map<LayerKind, { layer: string | null; line: number; column: number }>();
  const declared = doc.get('defaults', true);
  if (declared !== undefined && declared !== null) {
    if (!isMap(declared)) {
      const pos = lines.linePos((declared as { range?: [number, number] }).range?.[0] ?? 0);
      throw new UserError('defaults must be a map of dimension: layer (package_manager: npm), or dimension: ~ when the stack must name it', head, pos.line, pos.col);
    }
    for (const pair of declared.items) {
      const keyNode = pair.key as { value?: unknown; range?: [number, number] };
      const pos = lines.linePos(keyNode.range?.[0] ?? 0);
      const dimension = String(keyNode.value);
      const value = isScalar(pair.value) ? pair.value.value : pair.value;
      if (!KINDS.includes(dimension as LayerKind) || dimension === 'base') {
        throw new UserError(`defaults: "${dimension}" is not a dimension (${KINDS.slice(1).join(', ')})`, head, pos.line, pos.col);
      }
      if (value !== null && (typeof value !== 'string' || !value.split('/').every(isPlainName))) {
        throw new UserError(`defaults.${dimension} must name a layer (npm, python/flask) or be ~ (the stack must name it)`, head, pos.line, pos.col);
      }
      defaults.set(dimension as LayerKind, { layer: value, line: pos.line, column: pos.col });
    }
  }
  return { name, dir, kind: kind as LayerKind, defaults };
}
