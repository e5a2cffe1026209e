import type { Link, Nodes } from 'mdast';
import { valueAt } from '../../profile/load.js';
import { chaptersOf } from '../../emit/examples.js';
import { TREE_URL } from '../../fill/example-url.js';
import type { Finding, Rule } from '../types.js';
import { forAuthors, pathFinding } from './util.js';

/** Hosts of documents only their owners can open: a published article must not link there. */
const PRIVATE_HOSTS = ['docs.google.com', 'drive.google.com'];

/**
 * `examples-in-repo` (checklist 1): every example tree has its path in the examples repository
 * and the article links to it; no link points at a private document.
 */
export const examplesInRepo: Rule = {
  id: 'examples-in-repo',
  doc: 'Every example tree has a path in the examples repository and the article links to it; no link to a private document.',
  severity: 'error',
  run(ctx) {
    const { skeleton, build, outDir } = ctx;
    const findings: Finding[] = [];
    const file = skeleton.source.path;
    if (build !== undefined) {
      const slug = build.profile.stack.slug;
      const repo = valueAt(build.profile.values, 'examples.repo');
      const base = valueAt(build.profile.values, TREE_URL);
      if (typeof base !== 'string' || (typeof repo === 'string' && !base.startsWith(repo))) {
        findings.push(pathFinding(this, file, `${TREE_URL} (${String(base)}) is not inside the examples repository (${String(repo)})`, TREE_URL));
      }
      const linked = new Set([...build.resolutions].filter(([, r]) => r.how === 'example-link').map(([h]) => h.id.replace(/^example\./, '')));
      for (const chapter of chaptersOf(build.trees)) {
        if (!linked.has(chapter)) {
          findings.push(pathFinding(this, `${outDir}/${slug}/examples/${chapter}`, `example tree ${chapter} is not linked from the article; put <<example.${chapter}>> in its chapter`));
        }
      }
    }
    const visit = (node: Nodes): void => {
      const url = node.type === 'link' ? (node as Link).url : node.type === 'html' ? /href="([^"]+)"/.exec(node.value)?.[1] : undefined;
      if (url !== undefined && !forAuthors(ctx, node.position?.start.offset) && PRIVATE_HOSTS.some((h) => url.includes(`//${h}/`))) {
        findings.push({
          rule: this.id, severity: this.severity, file, key: `private-link ${url.split('#')[0]}`,
          line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1,
          message: `link to a private document (${new URL(url).host}); readers cannot open it: publish the text or link a public page`,
        });
      }
      if ('children' in node) for (const child of node.children) visit(child);
    };
    visit(skeleton.tree);
    return findings;
  },
};
