import type { Liquid } from 'liquidjs';
import { diagramImage } from '../diagram/hole.js';
import { isAuthorNote } from '../scaffold/note.js';
import { findRegion, type ExampleTrees } from '../emit/examples.js';
import { exampleTreeUrl, TREE_URL } from './example-url.js';
import { readProfileText } from '../profile/confine.js';
import { renderTemplate } from '../profile/liquid.js';
import { valueAt } from '../profile/load.js';
import type { Origin, Profile } from '../profile/types.js';
import type { FrontMatterData } from '../skeleton/frontmatter.js';
import type { Hole } from '../skeleton/types.js';
import { UserError } from '../util/errors.js';

/** How one hole was answered, for the build report and `explain`. */
export type Resolution =
  | { how: 'section' | 'value' | 'snippet' | 'example-link' | 'diagram'; text: string; origin: Origin; overrode: Origin[] }
  | { how: 'removed'; text: ''; reason: string }
  | { how: 'unfilled'; reason: string };

export interface FillContext {
  profile: Profile;
  liquid: Liquid;
  trees: ExampleTrees;
  /** What sections see: the merged values plus `stack`. */
  scope: object;
  /** Sections already rendered for this stack, by file. */
  sections: Map<string, string>;
  frontMatter: FrontMatterData;
  skeletonFile: string;
}

/** Values that mean "no" in front-matter conditions (`is_compiled: 0`). */
const FALSY = new Set([0, false, '0', 'false', 'no', 'нет', null, '']);

/** Decides what fills one hole; the rules are listed in profiles/README.md ("How a hole is filled"). */
export function resolveHole(hole: Hole, ctx: FillContext): Resolution {
  const r = answer(hole, ctx);
  // A section or snippet that holds only the author's note of `init-profile` is not written yet.
  if ((r.how === 'section' || r.how === 'value') && isAuthorNote(r.text)) return { how: 'unfilled', reason: `${r.origin.file} holds only the author's note: write it` };
  if (r.how === 'snippet' && isAuthorNote(r.text)) return { how: 'unfilled', reason: `its region in the example file holds only the author's note (${hole.id.slice('snippet.'.length)}): write the file` };
  return r;
}

function answer(hole: Hole, ctx: FillContext): Resolution {
  if (hole.kind === 'todo') return { how: 'unfilled', reason: 'a bare TODO in the prose: write the text and remove the TODO' };
  if (hole.kind === 'conditional' && hole.condition !== undefined) {
    const value = Object.hasOwn(ctx.frontMatter, hole.condition) ? ctx.frontMatter[hole.condition] : undefined;
    if (FALSY.has(value as never) || value === undefined) {
      return { how: 'removed', text: '', reason: `${hole.condition}: ${JSON.stringify(value ?? null)} in the front-matter` };
    }
  }
  const [namespace, ...rest] = hole.id.split('.');
  const name = rest.join('.');
  if (namespace === 'snippet') return snippet(hole, name, ctx);
  if (namespace === 'example') return exampleLink(hole, name, ctx);
  if (namespace === 'diagram') return diagramImage(hole, name, ctx.trees);
  const sectionOrigins = ctx.profile.sections.get(hole.id);
  if (sectionOrigins !== undefined) {
    const origin = sectionOrigins.at(-1)!;
    let text = ctx.sections.get(origin.file);
    if (text === undefined) {
      const source = readProfileText(ctx.profile.stack.profilesDir, origin.file, { file: ctx.skeletonFile, line: hole.line, column: hole.column });
      text = renderTemplate(ctx.liquid, origin.file, source, ctx.scope).replace(/\s+$/, '');
      ctx.sections.set(origin.file, text);
    }
    return { how: 'section', text, origin, overrode: sectionOrigins.slice(0, -1) };
  }
  const value = valueAt(ctx.profile.values, hole.id);
  if (value !== undefined) {
    const origins = ctx.profile.provenance.get(hole.id) ?? [];
    const origin = origins.at(-1) ?? keyOrigin(ctx.profile, hole.id);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // A map has no provenance of its own (only its leaves do): name the hole and where the map is written.
      const at = `${origin.file}${origin.line !== undefined ? `:${origin.line}:${origin.column}` : ''}`;
      throw new UserError(`<<${hole.id}>> names a map (${hole.id}: in ${at}); a hole takes a single value or list: point the hole at a key inside it, or write sections/${hole.id}.md`, ctx.skeletonFile, hole.line, hole.column);
    }
    return { how: 'value', text: formatValue(hole.id, value), origin, overrode: origins.slice(0, -1) };
  }
  return { how: 'unfilled', reason: hole.kind === 'brief' || hole.kind === 'conditional' ? `no section ${hole.id}.md in any layer` : `no value ${hole.id} in any layer's values.yaml` };
}

/** A list becomes words: a command joined with spaces, anything else with commas. */
function formatValue(id: string, value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(/command$/.test(id) ? ' ' : ', ');
  return String(value);
}

/** The last layer whose values.yaml writes the key `path` (a map's key has no leaf provenance). */
function keyOrigin(profile: Profile, path: string): Origin {
  for (const layer of [...profile.layers].reverse()) {
    const pos = layer.valuePositions.get(path);
    if (pos !== undefined) return { layer: layer.name, file: layer.valuesFile, ...pos };
  }
  return { layer: profile.layers.at(-1)?.name ?? 'base', file: profile.layers.at(-1)?.valuesFile ?? 'values.yaml' };
}

function snippet(hole: Hole, name: string, ctx: FillContext): Resolution {
  const path = `snippets.${name}`;
  const ref = valueAt(ctx.profile.values, path);
  if (ref === undefined) return { how: 'unfilled', reason: `no ${path} in any layer's values.yaml (e.g. "010-hello-world/stapel/werf.yaml#${name}")` };
  const origins = ctx.profile.provenance.get(path) ?? [];
  const origin = origins.at(-1)!;
  const [file, region] = String(ref).split('#') as [string, string];
  return { how: 'snippet', text: findRegion(ctx.trees, file, region, origin), origin, overrode: origins.slice(0, -1) };
}

function exampleLink(hole: Hole, chapter: string, ctx: FillContext): Resolution {
  const url = exampleTreeUrl(ctx.profile.values, ctx.profile.stack.slug, chapter);
  const origin = ctx.profile.provenance.get(TREE_URL)?.at(-1);
  if (url === undefined || origin === undefined) return { how: 'unfilled', reason: `no ${TREE_URL} in any layer` };
  const hasTree = [...ctx.trees.keys()].some((k) => k.startsWith(`${chapter}/`));
  if (!hasTree) return { how: 'unfilled', reason: `the stack has no example tree ${chapter} (profiles/<layer>/examples/${chapter}/)` };
  const text = `Пример для этой главы лежит в репозитории примеров: [${ctx.profile.stack.slug}/${chapter}](${url}) — в двух вариантах сборки, [на Stapel](${url}/stapel) и [на Dockerfile](${url}/dockerfile).`;
  return { how: 'example-link', text, origin, overrode: [] };
}
