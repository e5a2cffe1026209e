import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { listProfileDir, profileEntry, readProfileTextIfAny } from './confine.js';
import type { DenyAllowance, ExampleSource, Layer, LoadedLayer, Origin, Profile, Stack, Values } from './types.js';
import { parseValues } from './values.js';
import { parseProfileYaml } from './yaml.js';

/** Reads every layer of a stack and merges them, remembering where each value came from. */
export function loadProfile(stack: Stack): Profile {
  const layers = stack.layers.map((layer) => loadLayer(stack.profilesDir, layer));
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
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isPlainMap(value) && isPlainMap(current)) {
      mergeInto(current, value, path, onSet);
    } else if (isPlainMap(value)) {
      const fresh: Values = {};
      setOwn(target, key, fresh);
      mergeInto(fresh, value, path, onSet);
    } else {
      setOwn(target, key, value);
      onSet(path);
    }
  }
}

/**
 * `target[key] = value` that never reaches the prototype: a values key `__proto__` (YAML allows
 * it) becomes an own property instead of replacing the object's prototype.
 */
export function setOwn(target: Values, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function isPlainMap(v: unknown): v is Values {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function loadLayer(profilesDir: string, layer: Layer): LoadedLayer {
  const valuesFile = join(layer.dir, 'values.yaml');
  const valuesText = readProfileTextIfAny(profilesDir, valuesFile, { file: valuesFile });
  const parsed = valuesText !== undefined ? parseValues(valuesFile, valuesText) : { values: {}, positions: new Map() };
  const sections = new Map<string, string>();
  const sectionsDir = join(layer.dir, 'sections');
  if (profileEntry(profilesDir, sectionsDir, { file: sectionsDir }) === 'dir') {
    for (const entry of listProfileDir(profilesDir, sectionsDir)) {
      if (!entry.name.endsWith('.md')) continue;
      if (entry.kind === 'dir') throw new UserError('a folder where a section file is expected; a section is a Markdown file sections/<hole id>.md', entry.path);
      sections.set(entry.name.slice(0, -3), entry.path);
    }
  }
  return {
    ...layer,
    values: parsed.values,
    valuePositions: parsed.positions,
    valuesFile,
    sections,
    examples: listExamples(profilesDir, layer),
    ...loadDeny(profilesDir, layer),
  };
}

/**
 * The layer's example templates: `examples/<chapter>/<common|stapel|dockerfile>/<path>`. Every
 * folder and file is listed through confine.ts, so a symlink out of the profiles folder or a
 * name that would climb out of the example tree (`..\\x`) is refused with its path.
 */
function listExamples(profilesDir: string, layer: Layer): ExampleSource[] {
  const root = join(layer.dir, 'examples');
  const kind = profileEntry(profilesDir, root, { file: root });
  if (kind === 'missing') return [];
  if (kind === 'file') throw new UserError('a file where the examples folder is expected; examples/<NNN-chapter>/<common|stapel|dockerfile>/ holds the templates', root);
  const found: ExampleSource[] = [];
  for (const chapter of listProfileDir(profilesDir, root)) {
    if (chapter.kind !== 'dir') throw new UserError('a file where a chapter folder is expected (examples/<NNN-chapter>/<common|stapel|dockerfile>/…)', chapter.path);
    if (!isChapterName(chapter.name)) throw new UserError(`"${chapter.name}" is not a chapter folder name (letters, digits, _ . -, e.g. 010-hello-world)`, chapter.path);
    for (const variant of ['common', 'stapel', 'dockerfile'] as const) {
      const dir = join(root, chapter.name, variant);
      const at = profileEntry(profilesDir, dir, { file: dir });
      if (at === 'missing') continue;
      if (at === 'file') throw new UserError(`a file where the ${variant}/ folder of an example tree is expected`, dir);
      for (const { path, file } of walk(profilesDir, dir, '')) {
        found.push({ chapter: chapter.name, variant, path, file, layer: layer.name });
      }
    }
  }
  return found;
}

/** A chapter's folder name, also used as a folder of the output: one plain path segment. */
export function isChapterName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) && !name.includes('..');
}

function walk(profilesDir: string, dir: string, prefix: string): Array<{ path: string; file: string }> {
  return listProfileDir(profilesDir, dir).flatMap((e) => {
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    return e.kind === 'dir' ? walk(profilesDir, e.path, path) : [{ path, file: e.path }];
  });
}

function loadDeny(profilesDir: string, layer: Layer): { deny: string[]; denyAllowed: DenyAllowance[] } {
  const file = join(layer.dir, 'deny.yaml');
  const text = readProfileTextIfAny(profilesDir, file, { file });
  if (text === undefined) return { deny: [], denyAllowed: [] };
  const data = parseProfileYaml(file, text).data as { words?: unknown; allow?: unknown } | null;
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
    // own keys only: `constructor` or `__proto__` must not find Object's members
    if (!isPlainMap(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}
