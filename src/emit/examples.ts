import { readFileSync } from 'node:fs';
import type { Liquid } from 'liquidjs';
import { renderTemplate } from '../profile/liquid.js';
import type { ExampleSource, Profile } from '../profile/types.js';
import { valueAt } from '../profile/load.js';
import { UserError } from '../util/errors.js';
import { cutRegions } from './regions.js';

export const VARIANTS = ['stapel', 'dockerfile'] as const;
export type Variant = (typeof VARIANTS)[number];

/** One rendered file of an example tree, with the regions the article may show. */
export interface EmittedFile {
  text: string;
  regions: Map<string, string>;
  /** The template it came from, for error messages and `explain`. */
  source: ExampleSource;
}

/** Every chapter's trees: `010-hello-world/stapel/werf.yaml` → file. */
export type ExampleTrees = Map<string, EmittedFile>;

/**
 * Renders the stack's example templates into complete trees, one per chapter and builder.
 * A `common/` file goes into both builders' trees; a builder's own file of the same path wins.
 */
export function renderExamples(profile: Profile, liquid: Liquid, scope: object): ExampleTrees {
  const trees: ExampleTrees = new Map();
  const ordered = [...profile.examples].sort((a, b) => (a.variant === 'common' ? 0 : 1) - (b.variant === 'common' ? 0 : 1));
  for (const source of ordered) {
    const rendered = renderTemplate(liquid, source.file, readFileSync(source.file, 'utf8'), scope);
    const cut = cutRegions(source.file, rendered);
    const variants = source.variant === 'common' ? VARIANTS : [source.variant];
    for (const variant of variants) trees.set(`${source.chapter}/${variant}/${source.path}`, { ...cut, source });
  }
  return new Map([...trees.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The chapters that have example trees, e.g. ["010-hello-world", "020-dependencies"]. */
export function chaptersOf(trees: ExampleTrees): string[] {
  return [...new Set([...trees.keys()].map((k) => k.split('/')[0]!))].sort();
}

/** Looks up `010-hello-world/stapel/werf.yaml` + `meta`; a missing file or region is an error. */
export function findRegion(trees: ExampleTrees, file: string, region: string, from: string): string {
  const emitted = trees.get(file);
  if (emitted === undefined) throw new UserError(`snippet file "${file}" is not an example file of this stack (expected <chapter>/<stapel|dockerfile>/<path>)`, from);
  const text = emitted.regions.get(region);
  if (text === undefined) {
    const known = [...emitted.regions.keys()].join(', ') || 'none';
    throw new UserError(`no snippet region "${region}" in ${file} (regions: ${known}); mark it with [<snippet ${region}>] … [<endsnippet ${region}>]`, from);
  }
  return text;
}

/**
 * `example.json` of a chapter: how test-examples runs the app. Built from the values, the one
 * source of truth that the Dockerfile, werf.yaml and the chart are rendered from too.
 */
export function runManifest(profile: Profile): string {
  const v = (path: string): unknown => valueAt(profile.values, path);
  const manifest = {
    runtime: v('language.runtime') ?? null,
    port: v('app.port') ?? null,
    run: { command: v('app.start_command') ?? [], env: Object.fromEntries(((v('app.env') as Array<{ name: string; value: string }>) ?? []).map((e) => [e.name, e.value])) },
    expect: { path: '/', status: 200, body: v('app.hello_body') ?? '' },
    test: v('app.test_command') !== undefined ? { command: v('app.test_command') } : null,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
