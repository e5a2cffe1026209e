import type { Rule } from '../types.js';
import { bothBuilders } from './both-builders.js';
import { diagramFresh } from './diagram-fresh.js';
import { duplicateHeading } from './duplicate-heading.js';
import { examplePerChapter } from './example-per-chapter.js';
import { examplesInRepo } from './examples-in-repo.js';
import { examplesTested } from './examples-tested.js';

import { foreignStack } from './foreign-stack.js';
import { frontMatter } from './front-matter.js';
import { images } from './images.js';
import { snippetInSync } from './snippet-in-sync.js';
import { todo } from './todo.js';
import { unfilledHole } from './unfilled-hole.js';

/** Every gate rule, in the order the report lists them. One file per rule. */
export const RULES: readonly Rule[] = [
  frontMatter,
  unfilledHole,
  todo,
  examplesInRepo,
  examplePerChapter,
  bothBuilders,
  examplesTested,
  diagramFresh,
  snippetInSync,
  foreignStack,
  images,
  duplicateHeading,
];
