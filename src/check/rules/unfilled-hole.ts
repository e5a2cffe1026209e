import type { Rule } from '../types.js';
import { holeFinding } from './util.js';

/**
 * `unfilled-hole`: a hole that the stack's profiles leave empty. The article is not ready while
 * one remains; the message says what would fill it.
 */
export const unfilledHole: Rule = {
  id: 'unfilled-hole',
  doc: 'Every hole in the skeleton is filled by the stack (a value, a section or a snippet).',
  severity: 'error',
  run({ skeleton, build }) {
    if (build === undefined) return [];
    return [...build.resolutions]
      .filter(([hole, r]) => r.how === 'unfilled' && hole.kind !== 'todo')
      .map(([hole, r]) => holeFinding(this, skeleton.source.path, hole, `unfilled ${hole.kind} hole ${hole.id} in «${hole.chapter.join(' › ')}»: ${r.how === 'unfilled' ? r.reason : ''}`));
  },
};
