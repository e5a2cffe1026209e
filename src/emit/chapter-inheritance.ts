import { isChapterName, setOwn } from '../profile/load.js';
import type { ExampleSource, Profile, Values } from '../profile/types.js';
import { UserError } from '../util/errors.js';

/**
 * Chapter inheritance: a chapter's example tree builds on the previous chapter's, so a chapter
 * states only what it adds or changes. The layers' values declare it:
 *
 * ```yaml
 * chapters:
 *   030-assets:
 *     extends: 020-dependencies   # start from that chapter's trees
 *     adds:                       # values this chapter adds (lists append, maps merge)
 *       services: [assets, nginx]
 * ```
 *
 * A chapter's tree is then its parent's tree (every file, in both builders) with the chapter's
 * own files laid over it path by path; an own file can pull in the parent's version of itself
 * with `<< inherited >>`. The values a chapter's files (and its example.json) see are the
 * stack's values with every `adds` of the chain applied, oldest first, so 040 sees what 030
 * added. Kept apart from the emitter: the emitter renders, this module only decides what.
 */
export interface ChapterPlan {
  chapter: string;
  parent?: string;
  /** The stack's values with the `adds` of this chapter and its ancestors applied. */
  values: Values;
  /**
   * The nearest chapter of the chain that added values (or `''`): chapters that share it see
   * the same values.
   */
  valuesKey: string;
  /** Per builder, path in the tree → the chain of templates, own first, then the parent's. */
  files: Map<Variant, Map<string, ExampleSource[]>>;
}

type Variant = 'stapel' | 'dockerfile';
const VARIANTS: readonly Variant[] = ['stapel', 'dockerfile'];

interface ChapterMeta {
  extends?: string;
  adds?: Values;
}

/** The plan of every chapter that has example files or is declared, in chapter order. */
export function planChapters(profile: Profile): Map<string, ChapterPlan> {
  const metas = chapterMetas(profile);
  const own = ownFiles(profile.examples);
  const names = [...new Set([...own.keys(), ...metas.keys()])].sort();
  const plans = new Map<string, ChapterPlan>();
  const planning = new Set<string>();

  const plan = (chapter: string): ChapterPlan => {
    const done = plans.get(chapter);
    if (done) return done;
    const meta = metas.get(chapter) ?? {};
    if (planning.has(chapter)) throw declarationError(profile, chapter, `chapter ${chapter} extends itself through ${[...planning].join(' → ')}; break the cycle`);
    planning.add(chapter);
    let parent: ChapterPlan | undefined;
    if (meta.extends !== undefined) {
      if (!names.includes(meta.extends)) {
        throw declarationError(profile, chapter, `chapter ${chapter} extends ${meta.extends}, which has no example files (chapters: ${names.join(', ')})`);
      }
      parent = plan(meta.extends);
    }
    planning.delete(chapter);
    const values = meta.adds ? addValues(parent?.values ?? profile.values, meta.adds) : (parent?.values ?? profile.values);
    const files = new Map<Variant, Map<string, ExampleSource[]>>();
    for (const variant of VARIANTS) {
      const chain = new Map<string, ExampleSource[]>();
      for (const [path, sources] of parent?.files.get(variant) ?? []) chain.set(path, sources);
      for (const source of own.get(chapter) ?? []) {
        if (source.variant !== 'common' && source.variant !== variant) continue;
        // a builder's own file wins over a common one of the same path
        const mine = chain.get(source.path);
        if (source.variant === 'common' && mine?.[0]?.chapter === chapter && mine[0].variant === variant) continue;
        const inherited = parent?.files.get(variant)?.get(source.path) ?? [];
        chain.set(source.path, [source, ...inherited]);
      }
      files.set(variant, new Map([...chain].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
    }
    const result: ChapterPlan = { chapter, parent: parent?.chapter, values, valuesKey: meta.adds ? chapter : (parent?.valuesKey ?? ''), files };
    plans.set(chapter, result);
    return result;
  };

  for (const name of names) plan(name);
  return new Map(names.map((name) => [name, plans.get(name)!]));
}

/** `chapters:` of the merged values, checked: each entry may hold only `extends` and `adds`. */
function chapterMetas(profile: Profile): Map<string, ChapterMeta> {
  const raw = profile.values.chapters;
  const metas = new Map<string, ChapterMeta>();
  if (raw === undefined) return metas;
  for (const [chapter, meta] of Object.entries(raw as Record<string, ChapterMeta>)) {
    // the name becomes a folder of the output (out/<stack>/examples/<chapter>/): one plain segment
    if (!isChapterName(chapter)) {
      const at = keyPlace(profile, `chapters.${chapter}`);
      throw new UserError(`chapters: ${JSON.stringify(chapter)} is not a chapter name (letters, digits, _ . -, e.g. 040-files); it names a folder of the example trees`, at?.file, at?.line, at?.column);
    }
    metas.set(chapter, meta);
  }
  return metas;
}

function ownFiles(examples: ExampleSource[]): Map<string, ExampleSource[]> {
  const own = new Map<string, ExampleSource[]>();
  // builder files after common ones, so the loop above can let them win
  const ordered = [...examples].sort((a, b) => (a.variant === 'common' ? 0 : 1) - (b.variant === 'common' ? 0 : 1));
  for (const source of ordered) own.set(source.chapter, [...(own.get(source.chapter) ?? []), source]);
  return own;
}

/**
 * What a chapter adds to the values it inherits: maps merge key by key, lists append (a chapter
 * adds environment variables or services, it does not restate the earlier ones), scalars replace.
 */
export function addValues(base: Values, adds: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(adds)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    if (Array.isArray(value) && Array.isArray(current)) setOwn(out, key, [...current, ...value]);
    else if (isMap(value) && isMap(current)) setOwn(out, key, addValues(current, value));
    else setOwn(out, key, value);
  }
  return out;
}

function isMap(v: unknown): v is Values {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Where a values key is written: the last layer whose values.yaml has it. */
function keyPlace(profile: Profile, path: string): { file: string; line: number; column: number } | undefined {
  for (const layer of [...profile.layers].reverse()) {
    const pos = layer.valuePositions.get(path);
    if (pos !== undefined) return { file: layer.valuesFile, ...pos };
  }
  return undefined;
}

function declarationError(profile: Profile, chapter: string, message: string): UserError {
  const origin = profile.provenance.get(`chapters.${chapter}.extends`)?.at(-1);
  return new UserError(message, origin?.file, origin?.line, origin?.column);
}
