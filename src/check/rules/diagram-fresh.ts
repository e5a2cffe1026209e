import { existsSync } from 'node:fs';
import { chaptersOf } from '../../emit/examples.js';
import type { Finding, Rule } from '../types.js';
import { pathFinding } from './util.js';

/**
 * `diagram-fresh`: every example tree in the output folder has its chart diagram
 * (`diagram.svg`, drawn by `stackdoc test-examples`), drawn from exactly its current content:
 * the picture records the tree hash it was drawn from, and a changed chart, werf.yaml or app
 * makes it stale. A picture that no longer matches the example would lie to the reader.
 */
export const diagramFresh: Rule = {
  id: 'diagram-fresh',
  doc: 'Every example tree with a Helm chart has its diagram, drawn from its current content.',
  severity: 'error',
  async run({ build, outDir }) {
    if (build === undefined) return [];
    const { treeHash } = await import('../../verify/stamp.js');
    const { diagramState } = await import('../../diagram/stamp.js');
    const slug = build.profile.stack.slug;
    const findings: Finding[] = [];
    for (const chapter of chaptersOf(build.trees)) {
      const dir = `${outDir}/${slug}/examples/${chapter}`;
      if (!existsSync(dir)) continue; // examples-tested reports a tree that was never built
      // Nothing to draw without a chart (helm-render fails such a tree, so it is never tested).
      if (!['stapel', 'dockerfile'].some((variant) => existsSync(`${dir}/${variant}/.helm/templates`))) continue;
      const state = await diagramState(dir, await treeHash(dir));
      const redraw = `run \`stackdoc test-examples --stack ${slug} --chapter ${chapter}\` to draw it`;
      if (state.state === 'missing') findings.push(pathFinding(this, dir, `example ${chapter} has no diagram.svg; ${redraw}`, chapter));
      else if (state.state === 'stale') findings.push(pathFinding(this, `${dir}/diagram.svg`, `the diagram of ${chapter} is stale: ${state.why}; ${redraw}`, chapter));
    }
    return findings;
  },
};
