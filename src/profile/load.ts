import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { UserError } from '../util/errors.js';
import type { DenyAllowance, ExampleSource, Layer, LoadedLayer, Origin, Profile, Stack, Values } from './types.js';
import { parseValues } from './values.js';

/** Reads every layer of a stack and merges them, remembering where each value came from. */
export function loadProfile(stack: Stack): Profile {
  const layers = stack.layers.map(loadLayer);
  const values: Values = {};
  const provenance = new Map<string, Origin[]>();
  const sections = new Map<string, Origin[]>();
  for (const layer of layers) {
    mergeInto(values, layer.values, '', (path) => {
      const pos = layer.valuePositions.get(path);
      const origin: Origin = { layer: layer.name, file: layer.valuesFile, ...pos };
      provenance.set(path, [...(provenance.get(path) ?? []), origin]);
    });
    for (const [id, file] of layer.sections) sections.set(id, [...(sections.get(id) ?? []), { layer: layer.name, file }]);
  }
  // A later layer's example file replaces an earlier one at the same chapter, variant and path.
  const examples = new Map<string, ExampleSource>();
  for (const layer of layers) for (const ex of layer.examples) examples.set(`${ex.chapter}/${ex.variant}/${ex.path}`, ex);
  const deny = [...new Set(layers.flatMap((l) => l.deny))];
  const denyAllowed = layers.flatMap((l) => l.denyAllowed);
  return { stack, values, provenance, sections, examples: [...examples.values()], deny, denyAllowed, layers };
}

/**
 * Deep merge, key by key: maps merge, anything else (scalars, lists) is replaced whole, so a
 * layer can shorten a list it inherits. `onSet` sees every leaf path a layer sets.
 */
function mergeInto(target: Values, source: Values, prefix: string, onSet: (path: string) => void): void {
  for (const [key, value] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const current = target[key];
    if (isPlainMap(value) && isPlainMap(current)) {
      mergeInto(current, value, path, onSet);
    } else if (isPlainMap(value)) {
      target[key] = {};
      mergeInto(target[key] as Values, value, path, onSet);
    } else {
      target[key] = value;
      onSet(path);
    }
  }
}

function isPlainMap(v: unknown): v is Values {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function loadLayer(layer: Layer): LoadedLayer {
  const valuesFile = join(layer.dir, 'values.yaml');
  const parsed = existsSync(valuesFile) ? parseValues(valuesFile, readFileSync(valuesFile, 'utf8')) : { values: {}, positions: new Map() };
  const sections = new Map<string, string>();
  const sectionsDir = join(layer.dir, 'sections');
  if (existsSync(sectionsDir)) {
    for (const name of readdirSync(sectionsDir).sort()) {
      if (name.endsWith('.md')) sections.set(name.slice(0, -3), join(sectionsDir, name));
    }
  }
  return {
    ...layer,
    values: parsed.values,
    valuePositions: parsed.positions,
    valuesFile,
    sections,
    examples: listExamples(layer),
    ...loadDeny(layer),
  };
}

function listExamples(layer: Layer): ExampleSource[] {
  const root = join(layer.dir, 'examples');
  if (!existsSync(root)) return [];
  const found: ExampleSource[] = [];
  for (const chapter of readdirSync(root).sort()) {
    for (const variant of ['common', 'stapel', 'dockerfile'] as const) {
      const dir = join(root, chapter, variant);
      if (!existsSync(dir)) continue;
      for (const file of walk(dir)) {
        found.push({ chapter, variant, path: relative(dir, file).split('\\').join('/'), file, layer: layer.name });
      }
    }
  }
  return found;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function loadDeny(layer: Layer): { deny: string[]; denyAllowed: DenyAllowance[] } {
  const file = join(layer.dir, 'deny.yaml');
  if (!existsSync(file)) return { deny: [], denyAllowed: [] };
  const data = parse(readFileSync(file, 'utf8')) as { words?: unknown; allow?: unknown } | null;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((w) => typeof w === 'string');
  if (!strings(data?.words)) {
    throw new UserError('deny.yaml must hold `words:`, a list of strings', file, 1, 1);
  }
  const allow = data.allow ?? [];
  if (!Array.isArray(allow) || !allow.every((a: { holes?: unknown; words?: unknown }) => typeof a?.holes === 'string' && a.holes !== '' && strings(a.words))) {
    throw new UserError('deny.yaml `allow:` must be a list of {holes: <hole id prefix>, words: [<words of the list>]}', file, 1, 1);
  }
  return { deny: data.words, denyAllowed: allow as DenyAllowance[] };
}

/** The value at a dotted path (`framework.name`), or undefined. */
export function valueAt(values: Values, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (!isPlainMap(node) || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}
