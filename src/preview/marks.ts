import type { Resolution } from '../fill/resolve.js';
import { splice, type Cut, type Replacement } from '../fill/splice.js';
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
export function markHoles(skeleton: Skeleton, resolutions: ReadonlyMap<Hole, Resolution>, cuts: readonly Cut[] = []): { text: string; marks: HoleMark[] } {
  const source = skeleton.source.text;
  const replacements: Replacement[] = skeleton.holes.map((hole) => {
    const r = resolutions.get(hole)!;
    return { hole, text: r.how === 'unfilled' ? undefined : r.text };
  });
  // The same edits, in the same order, as fill/splice.ts: cuts (authoring blocks) drop whole
  // ranges with the holes in them; every other hole is replaced (a bare TODO stays as it is).
  const inCut = (offset: number): boolean => cuts.some((c) => c.start <= offset && offset < c.end);
  const edits: Array<{ start: number; end: number; length: number; replacement?: Replacement }> = cuts.map((c) => ({ start: c.start, end: c.end, length: 0 }));
  for (const replacement of replacements) {
    const { hole } = replacement;
    if (inCut(hole.start)) continue;
    const length = hole.syntax === 'bare' ? hole.end - hole.start : replacedLength(source, replacement);
    edits.push({ start: hole.start, end: hole.end, length, replacement });
  }
  edits.sort((a, b) => a.start - b.start);
  const marks: HoleMark[] = [];
  let delta = 0;
  for (const edit of edits) {
    if (edit.replacement !== undefined && edit.length > 0) {
      const { hole } = edit.replacement;
      marks.push({ start: edit.start + delta, end: edit.start + delta + edit.length, hole, resolution: resolutions.get(hole)! });
    }
    delta += edit.length - (edit.end - edit.start);
  }
  const text = splice(source, replacements, cuts);
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
