import { chaptersOf } from '../../emit/examples.js';
import { parseExampleUrl, TREE_URL } from '../../fill/example-url.js';
import { valueAt } from '../../profile/load.js';
import { articlePieces, urlsIn } from '../article.js';
import type { Finding, Rule } from '../types.js';

/**
 * `example-links` (checklist 1): every link into the examples repository is a path the build
 * publishes there: read through the `examples.tree_url` scheme, it names this article's stack, a
 * chapter that has an example tree, and (below the tree) a folder or file the build emits. A link
 * to the repository itself is fine; a link to a chapter tree that does not exist, a hand-written
 * path in another layout, or a file the tree does not have is a finding.
 */
export const exampleLinks: Rule = {
  id: 'example-links',
  doc: 'Every link into the examples repository names a tree, folder or file that the build emits.',
  severity: 'error',
  run(ctx) {
    const { build, skeleton } = ctx;
    if (build === undefined) return [];
    const { values } = build.profile;
    const repo = valueAt(values, 'examples.repo');
    const template = valueAt(values, TREE_URL);
    if (typeof template !== 'string') return [];
    const slug = build.profile.stack.slug;
    const chapters = chaptersOf(build.trees);
    const emitted = new Set<string>();
    for (const path of [...build.trees.keys(), ...chapters.map((c) => `${c}/example.json`)]) {
      // Every file and every folder above it, up to the chapter: `010-x/stapel`, `010-x/stapel/.helm`, …
      const parts = path.split('/');
      for (let i = 1; i <= parts.length; i++) emitted.add(parts.slice(0, i).join('/'));
    }
    // The repository: `examples.repo`, or the template's fixed part before its first placeholder.
    const root = (typeof repo === 'string' ? repo : template.slice(0, template.indexOf('{'))).replace(/\/$/, '');
    const findings: Finding[] = [];
    for (const piece of articlePieces(ctx)) {
      for (const { url, index } of urlsIn(piece.text)) {
        const bare = url.replace(/[#?].*$/, '').replace(/\/$/, '');
        if (bare === root || !bare.startsWith(`${root}/`)) continue; // the repository itself, or elsewhere
        const problem = check(url);
        if (problem === undefined) continue;
        findings.push({
          rule: this.id, severity: this.severity, file: skeleton.source.path, ...piece.at(index),
          key: piece.hole ? `${url} in ${piece.hole.id}` : url,
          message: `${url}: ${problem}${piece.hole ? ` (in the text that fills ${piece.hole.id})` : ''}`,
        });
      }
    }
    return findings;

    function check(url: string): string | undefined {
      const parsed = parseExampleUrl(values, url);
      if (parsed === undefined) return `not an example path of the examples repository's scheme (${TREE_URL}: ${String(template)}); link the tree with <<example.NNN-chapter>> or write the path by the scheme`;
      if (parsed.stack !== slug) return `names the examples of stack ${parsed.stack}, but this article is ${slug}`;
      if (!chapters.includes(parsed.chapter)) return `there is no example tree ${parsed.chapter} for ${slug}; the build emits ${chapters.join(', ') || 'none'}`;
      const path = parsed.path === '' ? parsed.chapter : `${parsed.chapter}/${parsed.path}`;
      // GitHub's `tree/<ref>/…` and `blob/<ref>/…` name the same path; the template fixes one.
      if (!emitted.has(path)) return `the example tree ${parsed.chapter} has no ${parsed.path}; link a folder or file the build emits (out/${slug}/examples/${parsed.chapter}/)`;
      return undefined;
    }
  },
};
