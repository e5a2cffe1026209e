import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { CHOOSERS } from '../profile/stack.js';
import { valueAt } from '../profile/load.js';
import type { Profile } from '../profile/types.js';
import { locateFrontMatter } from '../skeleton/frontmatter.js';
import { lineEnding } from '../skeleton/source.js';
import { UserError } from '../util/errors.js';

/** One front-matter key the build changed: `from` absent = added, `to` absent = removed. */
export interface FrontMatterChange {
  key: string;
  from?: unknown;
  to?: unknown;
}

/**
 * Makes the article's front-matter name the stack it was built for. The skeleton's front-matter
 * chooses one stack (language: python, framework: flask, …); a build for another stack would
 * otherwise tell the site its Node article is about Flask. For each choosing key
 * (`language`, `framework`, `package_managers_chosen`, `unit_tests_chosen`,
 * `assets_generator_chosen`, `ci`) the value becomes the name of the stack's layer of that kind,
 * or the key goes when the stack has no such layer; a `*_possible` list that does not hold the
 * stack's choice goes with it (it lists the skeleton's options, and would name another stack).
 *
 * A framework can also come with its language's layer instead of a layer of its own (Node.js with
 * Express): then `framework.name` in the values names it.
 *
 * The YAML is edited through the `yaml` library's Document API, so comments, key order and the
 * scalars' quoting stay; an unchanged front-matter is not re-serialized at all (byte for byte).
 */
export function stateStack(article: string, profile: Pick<Profile, 'stack' | 'values'>, file: string): { article: string; changes: FrontMatterChange[] } {
  const at = locateFrontMatter(article);
  if (at === undefined) return { article, changes: [] };
  const doc = parseDocument(article.slice(at.start, at.end));
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    // The skeleton's own front-matter was valid YAML (the parser checked it); only a filled hole can break it.
    throw new UserError(`the article's front-matter is not valid YAML after its holes were filled (${doc.errors[0]?.message.split('\n')[0] ?? 'not a map'}); quote the hole in the front-matter`, file, 2, 1);
  }
  const changes: FrontMatterChange[] = [];
  for (const { key, possible, kind } of CHOOSERS) {
    const layer = profile.stack.layers.filter((l) => l.kind === kind).at(-1);
    const want = layer?.name.split('/').at(-1) ?? valueChoice(profile, key);
    const from = doc.get(key);
    if (want === undefined) {
      if (doc.has(key)) {
        doc.delete(key);
        changes.push({ key, from });
      }
    } else if (from !== want) {
      const node = doc.get(key, true);
      if (isScalar(node)) node.value = want; // keeps its quotes and its comment
      else doc.set(key, want);
      changes.push(from === undefined ? { key, to: want } : { key, from, to: want });
    }
    if (possible === undefined) continue;
    if (!doc.has(possible)) continue;
    const list = doc.get(possible, true);
    const options: unknown = isSeq(list) || isScalar(list) ? list.toJSON() : list;
    if (want === undefined || !Array.isArray(options) || !options.includes(want)) {
      doc.delete(possible);
      changes.push({ key: possible, from: options });
    }
  }
  if (changes.length === 0) return { article, changes };
  const eol = lineEnding(article);
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n/g, eol);
  return { article: article.slice(0, at.start) + yaml + article.slice(at.end), changes };
}

/** Choices a stack makes in its values rather than by a layer of their kind (see above). */
const VALUE_CHOICES: Readonly<Record<string, string>> = { framework: 'framework.name' };

function valueChoice(profile: Pick<Profile, 'values'>, key: string): string | undefined {
  const path = VALUE_CHOICES[key];
  const value = path === undefined ? undefined : valueAt(profile.values, path);
  return typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined;
}
