import type { Rule } from '../types.js';
import { forAuthors, holeFinding } from './util.js';

/**
 * `todo`: a bare TODO in the prose (outside any hole) is a note the reader must never see. One in
 * an authoring block is a note to the authors, which the article leaves out.
 */
export const todo: Rule = {
  id: 'todo',
  doc: 'No bare TODO remains in the prose.',
  severity: 'error',
  run(ctx) {
    const { skeleton } = ctx;
    return skeleton.holes.filter((h) => h.kind === 'todo' && !forAuthors(ctx, h.start)).map((h) => holeFinding(this, skeleton.source.path, h, `TODO left in the text: ${h.text}`));
  },
};
