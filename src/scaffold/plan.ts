import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { planChapters } from '../emit/chapter-inheritance.js';
import { readProfileText } from '../profile/confine.js';
import { createLiquid, renderTemplate } from '../profile/liquid.js';
import schema from '../profile/values-schema.json' with { type: 'json' };
import { parseProfileYaml } from '../profile/yaml.js';
import { loadProfile, valueAt } from '../profile/load.js';
import type { Layer, LayerKind, Profile, Values } from '../profile/types.js';
import type { Skeleton } from '../skeleton/parse.js';
import type { Hole } from '../skeleton/types.js';
import { UserError } from '../util/errors.js';
import { commentOf, fileNote, isAuthorNote, sectionNote } from './note.js';

export const LAYER_KINDS: readonly LayerKind[] = ['language', 'framework', 'package_manager', 'unit_tests', 'assets_generator', 'ci'];

/** Holes that name a generated thing rather than text a layer writes. */
const GENERATED = new Set(['snippet', 'example', 'diagram']);

export interface LayerPlan {
  /** The stack the layer was planned in, e.g. base → go → go/gin → gitlab. */
  layers: string[];
  /** Path inside the layer folder → content. */
  files: Map<string, string>;
  /** Briefs a lower layer already answers (no note written for them). */
  answered: Array<{ id: string; layer: string }>;
}

/**
 * Everything a new layer needs so that the stack builds at once and every hole it must answer is
 * reported as unfilled with its brief: layer.yaml; values.yaml listing every slot and value id
 * of the skeleton with the skeleton's own example text (as comments: a comment sets nothing);
 * an author's note per brief; deny.yaml with the other stacks' words; and, for example templates
 * of lower layers that need values the new stack has not set yet, stubs that keep their snippet
 * regions (each region an author's note) so no template fails.
 */
export function planLayer(profilesDir: string, name: string, kind: LayerKind, skeleton: Skeleton): LayerPlan {
  const layer: Layer = { name, dir: join(profilesDir, name), kind };
  const profile = loadProfile({ slug: name.replace(/\//g, '-'), layers: stackOf(profilesDir, layer, skeleton), profilesDir });
  const file = skeleton.source.path;
  const where = (h: Hole): string => `${file}:${h.line}:${h.column}`;
  const firstOf = new Map<string, Hole>();
  for (const hole of skeleton.holes) if (!firstOf.has(hole.id) && hole.chapter[0] !== 'front-matter') firstOf.set(hole.id, hole);
  const holes = [...firstOf.values()];

  const files = new Map<string, string>();
  files.set('layer.yaml', `# Layer ${name}, made by \`stackdoc init-profile\`. What it adds is listed in values.yaml,\n# sections/ and examples/.\nkind: ${kind}\n`);
  const later = laterLayerNeeds(profilesDir, name, profile);
  files.set('values.yaml', valuesFile(name, kind, holes.filter((h) => h.kind === 'slot' || h.kind === 'value'), profile, where) + later.yaml);

  const scope = { ...profile.values, ...later.values, stack: { slug: profile.stack.slug, layers: profile.stack.layers.map((l) => l.name) } };
  const liquid = createLiquid(profilesDir, (f, region) => {
    throw new UserError(`snippet ${f}#${region} is not available while scaffolding`);
  });
  const renders = (path: string): boolean => {
    try {
      renderTemplate(liquid, path, readProfileText(profilesDir, path, { file: path }), scope);
      return true;
    } catch (error) {
      if (error instanceof UserError) return false;
      throw error;
    }
  };

  const answered: LayerPlan['answered'] = [];
  for (const hole of holes.filter((h) => (h.kind === 'brief' || h.kind === 'conditional') && !GENERATED.has(h.id.split('.')[0]!))) {
    const lower = profile.sections.get(hole.id)?.at(-1);
    if (lower !== undefined && lower.layer !== name && isAuthorNote(readProfileText(profilesDir, lower.file, { file: lower.file }))) continue; // a parent layer already holds its note
    if (lower !== undefined && lower.layer !== name && renders(lower.file)) {
      answered.push({ id: hole.id, layer: lower.layer });
      continue;
    }
    files.set(`sections/${hole.id}.md`, sectionNote(hole.text || hole.id, where(hole)));
  }

  for (const source of profile.examples) {
    if (source.layer === name || later.after.has(source.layer) || renders(source.file)) continue;
    // Keep the regions the snippets point at (they may sit in a partial the template includes).
    const variants = source.variant === 'common' ? ['stapel', 'dockerfile'] : [source.variant];
    const targets = new Set(variants.map((v) => `${source.chapter}/${v}/${source.path}`));
    const snippets = Object.values((profile.values.snippets ?? {}) as Record<string, unknown>).map(String);
    const regions = [...new Set(snippets.filter((ref) => targets.has(ref.split('#')[0]!)).map((ref) => ref.split('#')[1]!))].sort();
    const lines = [fileNote(source.path, `this file for stack ${profile.stack.slug} (layer ${source.layer}'s template needs values this stack does not set yet)`)];
    const c = commentOf(source.path);
    for (const region of regions) lines.push(`${c} [<snippet ${region}>]`, fileNote(source.path, `the region ${region}`), `${c} [<endsnippet ${region}>]`);
    files.set(`examples/${source.chapter}/${source.variant}/${source.path}`, `${lines.join('\n')}\n`);
  }

  files.set('deny.yaml', denyFile(profilesDir, profile, name));
  return { layers: profile.stack.layers.map((l) => l.name), files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), answered };
}

/**
 * Templates of layers stacked after the new one (the CI layer) cannot be replaced by stubs of
 * it, so the values they read must be set at once: each undefined variable they report gets a
 * value (a project name for `project.name`, an author's note for any other text), found by
 * rendering them with the real engine until they render: with the stack's values and with each
 * chapter's (a chapter's `adds` may switch on a part that reads more, as the tests chapter's test
 * stage does in .gitlab-ci.yml).
 */
function laterLayerNeeds(profilesDir: string, name: string, profile: Profile): { values: Values; yaml: string; after: Set<string> } {
  const order = profile.stack.layers.map((l) => l.name);
  const after = new Set(order.slice(order.indexOf(name) + 1));
  const values: Values = {};
  const liquid = createLiquid(profilesDir, (f, region) => {
    throw new UserError(`snippet ${f}#${region} is not available while scaffolding`);
  });
  const templates = [
    ...profile.examples.filter((e) => after.has(e.layer)).map((e) => e.file),
    ...[...profile.sections.values()].map((origins) => origins.at(-1)!).filter((o) => after.has(o.layer)).map((o) => o.file),
  ];
  const scopes = [profile.values, ...[...planChapters(profile).values()].filter((plan) => plan.valuesKey === plan.chapter).map((plan) => plan.values)];
  for (const file of templates) for (const base of scopes) {
    const source = { file };
    const text = readProfileText(profilesDir, source.file, { file: source.file });
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        renderTemplate(liquid, source.file, text, { ...mergeValues(base, values), stack: { slug: profile.stack.slug, layers: order } });
        break;
      } catch (error) {
        const missing = error instanceof UserError ? /undefined variable: ([\w.]+)/.exec(error.message)?.[1] : undefined;
        if (missing === undefined) break; // not a missing value (a snippet tag needs the rendered trees): the build reports it
        // A leaf first; if the template reads `missing.x`, the next error asks for that and
        // setAt turns the leaf into a map.
        const note = `stackdoc: to write: ${missing}`;
        // a command is a list of words in the values' schema: the note goes in as its one word
        setAt(values, missing, missing === 'project.name' ? `werf-guide-${name.split('/').at(-1)}` : schemaType(missing) === 'array' ? [note] : note);
      }
    }
  }
  if (Object.keys(values).length === 0) return { values, yaml: '', after };
  const yaml = stringify(values).trimEnd().split('\n');
  return {
    values,
    after,
    yaml: ['#', `# Read right away by the templates of ${[...after].join(', ')}: set to this stack's values.`, ...yaml, ''].join('\n'),
  };
}

function setAt(values: Values, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = values;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Values;
  }
  node[keys.at(-1)!] = value;
}

function mergeValues(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v !== null && typeof v === 'object' && typeof out[k] === 'object' && out[k] !== null ? mergeValues(out[k] as Values, v as Values) : v;
  }
  return out;
}

/** base, the layer's parents (`go` for `go/gin`), the layer, and the skeleton's CI layer. */
function stackOf(profilesDir: string, layer: Layer, skeleton: Skeleton): Layer[] {
  const head = (name: string): Layer => {
    const file = join(profilesDir, name, 'layer.yaml');
    if (!existsSync(file)) throw new UserError(`no layer ${name} under ${profilesDir}/; create it first (stackdoc init-profile ${name} --kind …)`);
    const data = parseProfileYaml(file, readProfileText(profilesDir, file, { file })).data as { kind?: LayerKind } | null;
    return { name, dir: join(profilesDir, name), kind: data?.kind ?? 'language' };
  };
  const layers: Layer[] = [];
  if (existsSync(join(profilesDir, 'base', 'layer.yaml'))) layers.push(head('base'));
  const parts = layer.name.split('/');
  for (let i = 1; i < parts.length; i++) layers.push(head(parts.slice(0, i).join('/')));
  layers.push(layer);
  const ci = skeleton.frontMatter?.data.ci;
  if (layer.kind !== 'ci' && typeof ci === 'string' && existsSync(join(profilesDir, ci, 'layer.yaml'))) layers.push(head(ci));
  return layers;
}

function valuesFile(name: string, kind: LayerKind, holes: Hole[], profile: Profile, where: (h: Hole) => string): string {
  const out = [
    `# Values of layer ${name} (${kind}). Every slot and value hole of the skeleton is listed below as a`,
    '# commented key with the text the skeleton shows there; a comment sets nothing, so the hole stays',
    '# unfilled until you uncomment its key and give it this stack\'s value (schema:',
    '# src/profile/values-schema.json). "now:" is what a lower layer already sets.',
  ];
  const ids = [...holes.map((h) => ({ id: h.id, note: `«${oneLine(h.text || h.id)}» ${where(h)} (${h.kind})` }))];
  const byTop = new Map<string, Array<{ id: string; note: string }>>();
  for (const entry of ids) {
    const top = entry.id.split('.')[0]!;
    if (GENERATED.has(top) && top !== 'snippet') continue;
    const key = top === 'snippet' ? 'snippets' : top;
    byTop.set(key, [...(byTop.get(key) ?? []), { ...entry, id: top === 'snippet' ? `snippets.${entry.id.slice(8)}` : entry.id }]);
  }
  for (const [top, entries] of byTop) {
    out.push('#', `# ${top}:`);
    for (const { id, note } of entries) {
      const current = valueAt(profile.values, id);
      const origin = profile.provenance.get(id)?.at(-1);
      const now = current !== undefined && origin !== undefined ? `  now: ${oneLine(JSON.stringify(current))} from ${origin.layer}` : '';
      out.push(`#   ${id.split('.').slice(1).join('.')}:   # ${note}${now}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The other shipped stacks' own words: their layer names and the names their values give. */
function denyFile(profilesDir: string, profile: Profile, name: string): string {
  const own = new Set(profile.stack.layers.map((l) => l.name));
  const words = new Map<string, string>();
  const add = (word: unknown): void => {
    if (typeof word === 'string' && word.trim() !== '' && !words.has(word.toLowerCase())) words.set(word.toLowerCase(), word);
  };
  const visit = (dir: string, layerName: string): void => {
    if (!existsSync(join(dir, 'layer.yaml'))) return;
    const head = join(dir, 'layer.yaml');
    const kind = (parseProfileYaml(head, readProfileText(profilesDir, head, { file: head })).data as { kind?: string } | null)?.kind;
    if (!own.has(layerName) && kind !== 'base' && kind !== 'ci') {
      add(layerName.split('/').at(-1));
      const valuesFile = join(dir, 'values.yaml');
      const values = existsSync(valuesFile) ? (parseProfileYaml(valuesFile, readProfileText(profilesDir, valuesFile, { file: valuesFile })).data as Record<string, unknown> | null) : null;
      for (const key of ['language.name', 'framework.name', 'package_manager.name', 'deps.lockfile']) add(values ? valueAt(values, key) : undefined);
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !['sections', 'examples', 'partials'].includes(entry.name)) visit(join(dir, entry.name), `${layerName}/${entry.name}`);
    }
  };
  for (const entry of readdirSync(profilesDir, { withFileTypes: true })) if (entry.isDirectory()) visit(join(profilesDir, entry.name), entry.name);
  const list = [...words.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  return [
    `# Words of other stacks that must not appear in an article of ${name} (check: foreign-stack).`,
    '# Seeded from the other layers in profiles/ (their names and the names their values give);',
    '# review it, and add the commands and file names that only those stacks use.',
    'words:',
    ...list.map((w) => `  - ${JSON.stringify(w)}`),
    '',
  ].join('\n');
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** The JSON type values-schema.json gives a dotted path (following `$ref`s), when it says one. */
function schemaType(path: string): string | undefined {
  type Node = { type?: string; $ref?: string; properties?: Record<string, Node> };
  const root = schema as unknown as Node & { definitions: Record<string, Node> };
  const resolve = (node: Node | undefined): Node | undefined => (node?.$ref ? root.definitions[node.$ref.replace('#/definitions/', '')] : node);
  let node: Node | undefined = root;
  for (const key of path.split('.')) node = resolve(resolve(node)?.properties?.[key]);
  return node?.type;
}
