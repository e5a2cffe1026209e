import type { Chapter } from '../chapter.js';
import type { Variant } from '../types.js';
import { sameAppSource } from './app-source.js';

/** Where to run the app: once for both variants when their app source is identical, else in each. */
export interface AppTarget {
  variant: Variant | 'both';
  dir: string;
  /** Said in the result, so a reader knows why one run covers both variants. */
  note: string;
}

export async function appTargets(chapter: Chapter): Promise<AppTarget[]> {
  const variants = chapter.variants();
  if (variants.length === 2 && (await sameAppSource(chapter.variantDir('stapel'), chapter.variantDir('dockerfile')))) {
    return [{ variant: 'both', dir: chapter.variantDir('stapel'), note: 'stapel/ and dockerfile/ share the same app source byte for byte; ran in stapel/' }];
  }
  return variants.map((variant) => ({ variant, dir: chapter.variantDir(variant), note: `ran in ${variant}/` }));
}
