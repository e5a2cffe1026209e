import slugify from '@sindresorhus/slugify';

/**
 * Recurring legacy names and the canonical ids they stand for. A legacy hole whose whole text is
 * one of these (case and spacing ignored) is a `slot` with this id, wherever it stands, so every
 * occurrence is filled by one value.
 */
export const ALIASES: Readonly<Record<string, string>> = {
  frameworkname: 'framework.name',
  framework: 'framework.name',
  python: 'language.name',
  language: 'language.name',
  'тыры пыры': 'package_manager.name',
  'package manager': 'package_manager.name',
  'asset generator': 'assets.generator',
  lockfilename: 'deps.lockfile',
  lockfiles: 'deps.lockfiles',
  folder: 'assets.output_dir',
  configs: 'assets.configs',
  imagename: 'image.base',
};

export function aliasOf(text: string): string | undefined {
  return ALIASES[text.trim().replace(/\s+/g, ' ').toLowerCase()];
}

/** At most this many words of a hole's text go into a derived id: ids stay short and stable. */
const ID_WORDS = 6;

const slugs = new Map<string, string>();

/** `Hello world` → `hello-world`; Cyrillic is transliterated so ids are plain ASCII file names. */
export function slug(text: string, words = Number.POSITIVE_INFINITY): string {
  const key = `${words}\0${text}`;
  let done = slugs.get(key);
  // slugify compiles its replacement table into regexes on every call: remember the answers.
  if (done === undefined) slugs.set(key, (done = slugUncached(text, words)));
  return done;
}

function slugUncached(text: string, words: number): string {
  const cut = text
    .replace(/^\s*TODO:?/i, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, words)
    .join(' ');
  return slugify(cut, { decamelize: false });
}

/**
 * Id of a legacy hole that is not in the alias table: `<chapter>.<first words of the text>`.
 * Only the hole's own chapter and text take part, so an edit elsewhere never changes it.
 */
export function derivedId(chapterSlug: string, text: string): string {
  return `${chapterSlug}.${slug(text, ID_WORDS) || 'todo'}`;
}
