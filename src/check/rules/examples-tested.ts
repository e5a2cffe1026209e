import { chaptersOf } from '../../emit/examples.js';
import { staleFiles } from '../../emit/write-tree.js';
import type { Finding, Rule } from '../types.js';
import { pathFinding } from './util.js';

/**
 * `examples-tested` (checklist 5): every example tree in the output folder is the one the build
 * makes now, and carries a test stamp from `stackdoc test-examples` for exactly this content.
 */
export const examplesTested: Rule = {
  id: 'examples-tested',
  doc: 'Every example tree has a test stamp matching its current content.',
  severity: 'error',
  async run({ build, outDir }) {
    if (build === undefined) return [];
    const { stampMatches } = await import('../../verify/index.js');
    const slug = build.profile.stack.slug;
    const findings: Finding[] = [];
    const stale = await staleFiles(outDir, slug, build.files);
    for (const chapter of chaptersOf(build.trees)) {
      const dir = `${outDir}/${slug}/examples/${chapter}`;
      if (stale.some((p) => p.includes(`${dir}/`))) {
        findings.push(pathFinding(this, dir, `example ${chapter} in ${outDir}/ is not what the build makes now; run \`stackdoc build\` then \`stackdoc test-examples\``, chapter));
      } else if (!(await stampMatches(dir))) {
        findings.push(pathFinding(this, dir, `example ${chapter} has no passing test for its current content; run \`stackdoc test-examples --stack ${slug} --chapter ${chapter}\``, chapter));
      }
    }
    return findings;
  },
};
