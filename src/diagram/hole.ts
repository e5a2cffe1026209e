import type { ExampleTrees } from '../emit/examples.js';
import type { Resolution } from '../fill/resolve.js';
import type { Hole } from '../skeleton/types.js';
import { DIAGRAM_FILE } from './stamp.js';

/**
 * `<<diagram.010-hello-world>>`: the chapter's chart diagram as a Markdown image, relative to the
 * article (out/<stack>/article.md → examples/<chapter>/diagram.svg). The picture itself is drawn
 * by test-examples from the rendered chart; `check` (diagram-fresh) fails while it is missing or
 * stale, so the build stays fast and needs no Helm renderer.
 */
export function diagramImage(hole: Hole, chapter: string, trees: ExampleTrees): Resolution {
  const files = [...trees.entries()].filter(([path]) => path.startsWith(`${chapter}/`));
  // What the picture is drawn from: the chart's templates (their layer is what "explain" names).
  const tree = files.find(([path]) => path.includes('/.helm/templates/')) ?? files[0];
  if (tree === undefined) return { how: 'unfilled', reason: `the stack has no example tree ${chapter} to draw (profiles/<layer>/examples/${chapter}/)` };
  const text = `![Объекты Kubernetes, которые создаёт чарт примера ${chapter}, и образы werf, из которых запускаются их контейнеры](examples/${chapter}/${DIAGRAM_FILE})`;
  return { how: 'diagram', text, origin: { layer: tree[1].source.layer, file: tree[1].source.file }, overrode: [] };
}
