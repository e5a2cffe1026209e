import type { Rule } from '../types.js';
import { bothBuilders } from './both-builders.js';
import { ciNeedsInPipeline } from './ci-needs-in-pipeline.js';
import { ciReviewEnv } from './ci-review-env.js';
import { ciStopJob } from './ci-stop-job.js';
import { ciStopNoCheckout } from './ci-stop-no-checkout.js';
import { diagramFresh } from './diagram-fresh.js';
import { duplicateHeading } from './duplicate-heading.js';
import { examplePerChapter } from './example-per-chapter.js';
import { exampleLinks } from './example-links.js';
import { examplesInRepo } from './examples-in-repo.js';
import { examplesTested } from './examples-tested.js';

import { foreignStack } from './foreign-stack.js';
import { frontMatter } from './front-matter.js';
import { images } from './images.js';
import { noDevDepsInImage } from './no-dev-deps-in-image.js';
import { outputIntact } from './output-intact.js';
import { pullSecretCreated } from './pull-secret-created.js';
import { snippetInSync } from './snippet-in-sync.js';
import { todo } from './todo.js';
import { unfilledHole } from './unfilled-hole.js';
import { werfDocsVersion } from './werf-docs-version.js';

/** Every gate rule, in the order the report lists them. One file per rule. */
export const RULES: readonly Rule[] = [
  frontMatter,
  unfilledHole,
  todo,
  examplesInRepo,
  exampleLinks,
  examplePerChapter,
  bothBuilders,
  outputIntact,
  examplesTested,
  diagramFresh,
  snippetInSync,
  foreignStack,
  images,
  duplicateHeading,
  werfDocsVersion,
  ciNeedsInPipeline,
  ciStopJob,
  ciStopNoCheckout,
  ciReviewEnv,
  pullSecretCreated,
  noDevDepsInImage,
];
