import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { EmittedFile } from '../emit/examples.js';
import { page } from './page.js';

/**
 * One file of an example tree as a page, line by line (`#L12` anchors), with the lines of each
 * snippet region marked, so a snippet in the article links to the very lines it was cut from.
 */
export function examplePage(path: string, file: EmittedFile, slugName: string, live: boolean): string {
  const lines = file.text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const inRegion = new Set<number>();
  const regions: ElementContent[] = [];
  for (const [name, body] of [...file.regions].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const at = file.text.indexOf(body);
    if (at === -1) continue;
    const first = file.text.slice(0, at).split('\n').length;
    const count = body.split('\n').length;
    for (let i = first; i < first + count; i++) inRegion.add(i);
    regions.push(h('li', [h('a', { href: `#L${first}` }, name), ` lines ${first}–${first + count - 1}`]));
  }
  const depth = 1 + path.split('/').length; // <slug>/examples/<chapter>/<variant>/<path>
  return page({
    title: `${slugName}: examples/${path}`,
    depth,
    live,
    nav: [{ href: `${'../'.repeat(depth - 1)}index.html`, text: 'article' }, { href: `${'../'.repeat(depth)}index.html`, text: 'all stacks' }],
    body: [
      h('p', ['Rendered from ', h('code', file.source.file), ` (layer ${file.source.layer}).`]),
      ...(regions.length > 0 ? [h('p', 'Snippet regions:'), h('ul', regions)] : []),
      h('pre', { className: ['file'] }, lines.map((line, i) => h('span', { id: `L${i + 1}`, className: inRegion.has(i + 1) ? ['line', 'region'] : ['line'] }, `${line}\n`))),
    ],
  });
}
