
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

/**
 * Russian letters in Latin, as passports and road signs write them (BGN/PCGN style). Written out
 * here because ids need only this table: the slug libraries either build regexes for every script
 * in Unicode at start-up (~20 ms on each `scan`) or spell "если" as "yesli".
 */
const RUSSIAN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

const slugs = new Map<string, string>();

/** `Hello world` → `hello-world`; Cyrillic is transliterated so ids are plain ASCII file names. */
export function slug(text: string, words = Number.POSITIVE_INFINITY): string {
  const key = `${words}\0${text}`;
  let done = slugs.get(key);
  // Ids are asked for again and again (every hole of a chapter needs the chapter's slug).
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
  // Cyrillic first (й must not lose its breve to the accent stripping), then Latin accents.
  return cut
    .toLowerCase()
    .replace(/[а-яё]/g, (c) => RUSSIAN[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Id of a legacy hole that is not in the alias table: `<chapter>.<first words of the text>`.
 * Only the hole's own chapter and text take part, so an edit elsewhere never changes it.
 */
export function derivedId(chapterSlug: string, text: string): string {
  const id = `${chapterSlug}.${slug(text, ID_WORDS) || 'todo'}`;
  // A canonical id needs a letter (`<<1.2>>` is too close to a bit shift): `1.2` → `1.2-todo`.
  return /[a-z]/.test(id) ? id : `${id}-todo`;
}
