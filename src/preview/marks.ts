import type { Resolution } from '../fill/resolve.js';
import { splice, type Replacement } from '../fill/splice.js';
import type { Skeleton } from '../skeleton/parse.js';
import type { Hole } from '../skeleton/types.js';

/** Where one hole ended up in the article body, and what answered it. */
export interface HoleMark {
  /** Offsets in the spliced text (the article without the front-matter stamp line). */
  start: number;
  end: number;
  hole: Hole;
  resolution: Resolution;
}

/**
 * Splices the skeleton exactly as the build does and records where each hole's text lands, so
 * the preview can mark it. The result is compared with the build's own splice: a preview that
 * marked the wrong bytes would mislead the writer, so a mismatch is a bug, not a guess.
 */
export function markHoles(skeleton: Skeleton, resolutions: ReadonlyMap<Hole, Resolution>): { text: string; marks: HoleMark[] } {
  const source = skeleton.source.text;
  const replacements: Replacement[] = skeleton.holes.map((hole) => {
    const r = resolutions.get(hole)!;
    return { hole, text: r.how === 'unfilled' ? undefined : r.text };
  });
  const marks: HoleMark[] = [];
  let delta = 0;
  for (const replacement of replacements) {
    const { hole } = replacement;
    const resolution = resolutions.get(hole)!;
    const length = hole.syntax === 'bare' ? hole.end - hole.start : replacedLength(source, replacement);
    if (length > 0) marks.push({ start: hole.start + delta, end: hole.start + delta + length, hole, resolution });
    delta += length - (hole.end - hole.start);
  }
  const text = splice(source, replacements);
  if (text.length !== source.length + delta) throw new Error('preview: hole offsets disagree with the build splice');
  return { text, marks };
}

/** The length of what stands where the hole was: its fill, or its canonical form when unfilled. */
function replacedLength(source: string, replacement: Replacement): number {
  if (replacement.text !== undefined) return replacement.text.length;
  // The canonical form is the build's own (fill/splice.ts): splice this one hole, cut out of the
  // source on its own (linear in the hole, not in the file), and measure.
  const { hole } = replacement;
  const alone = { ...hole, start: 0, end: hole.end - hole.start };
  return splice(source.slice(hole.start, hole.end), [{ hole: alone, text: undefined }]).length;
}
