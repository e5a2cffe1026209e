import type { Rule } from '../types.js';
import { holeFinding } from './util.js';

/** `todo`: a bare TODO in the prose (outside any hole) is a note the reader must never see. */
export const todo: Rule = {
  id: 'todo',
  doc: 'No bare TODO remains in the prose.',
  severity: 'error',
  run({ skeleton }) {
    return skeleton.holes.filter((h) => h.kind === 'todo').map((h) => holeFinding(this, skeleton.source.path, h, `TODO left in the text: ${h.text}`));
  },
};
