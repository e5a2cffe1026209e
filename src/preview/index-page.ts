import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { page } from './page.js';
import type { StackRow } from './matrix.js';

/** The index: stacks × chapters, each cell with its holes, example trees and check findings. */
export function indexPage(rows: readonly StackRow[], live: boolean): string {
  const chapters = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.chapter)))];
  const head = h('tr', [h('th', 'stack'), ...chapters.map((c) => h('th', c))]);
  const body = rows.map((row) =>
    h('tr', [
      h('th', { className: ['stack'] }, [h('a', { href: `${row.slug}/index.html` }, row.slug), h('br'), h('small', row.layers.join(' → '))]),
      ...chapters.map((title) => {
        const cell = row.cells.find((c) => c.chapter === title);
        if (cell === undefined) return h('td', '—');
        const content: ElementContent[] = [
          h('a', { href: `${row.slug}/index.html#${cell.anchor}` }, [
            h('span', { className: ['count-filled'] }, `${cell.filled} filled`),
            ', ',
            h('span', { className: cell.unfilled > 0 ? ['count-unfilled'] : [] }, `${cell.unfilled} unfilled`),
          ]),
        ];
        for (const tree of cell.trees) {
          content.push(h('br'), h('span', { className: ['tree', tree.state], title: `example tree ${tree.name}: ${tree.state}` }, `${tree.name}: ${tree.state}`));
        }
        const errors = cell.findings.length;
        content.push(
          h('br'),
          h(
            'span',
            { className: errors > 0 ? ['findings'] : ['findings', 'none'], title: cell.findings.map((f) => `${f.rule}: ${f.message}`).join('\n') },
            errors > 0 ? `check: ${errors} finding${errors === 1 ? '' : 's'} (${[...new Set(cell.findings.map((f) => f.rule))].sort().join(', ')})` : 'check: clean',
          ),
        );
        return h('td', { dataChapter: title }, content);
      }),
    ]),
  );
  return page({
    title: 'stacks × chapters',
    depth: 0,
    live,
    nav: [],
    body: [
      h('p', 'Each cell: holes filled and unfilled in the chapter, its example trees (tested: the test stamp matches; stale: changed since it was tested or built; failing: no passing test), and what `stackdoc check` finds there.'),
      h('table', { className: ['matrix'] }, [h('thead', [head]), h('tbody', body)]),
    ],
  });
}
