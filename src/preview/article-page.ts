import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import type { BuildResult } from '../build.js';
import { valueAt } from '../profile/load.js';
import type { Skeleton } from '../skeleton/parse.js';
import { slug } from '../skeleton/ids.js';
import { annotate } from './annotate.js';
import { markHoles } from './marks.js';
import { page } from './page.js';
import { holeInfo } from './provenance.js';

/** A page of the preview site: its path under out/preview/ and its text. */
export type SiteFiles = Map<string, string | Uint8Array>;

/** Markdown → HTML with the unified ecosystem: remark-parse (+ GFM tables, front-matter) → remark-rehype. */
function processor(): Processor<any, any, any, any, any> {
  return unified()
    .use(remarkParse)
    .use(function gfmTables(this: Processor) {
      const data = this.data();
      (data.micromarkExtensions ??= []).push(gfmTable());
      (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
    })
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkRehype, { allowDangerousHtml: true }) as never;
}

export const headingId = (text: string): string => `ch-${slug(text) || 'chapter'}`;

/**
 * The article of one stack as a page: every filled hole marked (its provenance on hover or
 * click), every unfilled hole highlighted with its brief, each snippet followed by a link to the
 * example file it was cut from, and chapter diagrams shown as images.
 */
export async function articlePage(skeleton: Skeleton, build: BuildResult, live: boolean, files: SiteFiles): Promise<string> {
  const slugName = build.profile.stack.slug;
  const { text, marks } = markHoles(skeleton, build.resolutions, build.authoring);
  const proc = processor();
  const tree = (await proc.run(proc.parse(text))) as Root;
  const { codeBlocks } = annotate(tree, text, marks);

  // Snippets: link each code block cut from an example file to that file's page.
  const after = new Map<Element, Element>();
  for (const [pre, indices] of codeBlocks) {
    const links: ElementContent[] = [];
    for (const index of [...indices].sort((a, b) => a - b)) {
      const { hole, resolution } = marks[index]!;
      if (resolution.how !== 'snippet') continue;
      const ref = String(valueAt(build.profile.values, `snippets.${hole.id.slice('snippet.'.length)}`) ?? '');
      const [file, region] = ref.split('#') as [string, string | undefined];
      const line = regionLine(build, file, region);
      links.push(h('a', { href: `examples/${file}.html${line ? `#L${line}` : ''}` }, `${file}${region ? ` (${region})` : ''}`));
    }
    if (links.length > 0) after.set(pre, h('div', { className: ['snippet-source'] }, ['из файла примера ', ...links]) as Element);
  }
  insertAfter(tree, after);
  for (const node of walk(tree)) {
    if (node.tagName === 'h1' || node.tagName === 'h2') node.properties.id ??= headingId(textOf(node));
    if (node.tagName === 'img') fixImage(node, skeleton, files, slugName);
  }

  const infos = marks.map((m) => holeInfo(m, skeleton.source.path, slugName));
  const unfilled = marks.map((m, i) => ({ m, i })).filter(({ m }) => m.resolution.how === 'unfilled');
  const { summary, layers } = build.report;
  const body: ElementContent[] = [
    h('p', [
      `Stack ${slugName}: ${layers.join(' → ')}. Holes: ${summary.holes}, filled ${summary.filled}, removed ${summary.removed}, `,
      h('span', { className: ['count-unfilled'] }, `unfilled ${summary.unfilled}`),
      '. Hover or click a marked passage to see which layer and file filled it.',
    ]),
    h('aside', { className: ['unfilled-list'] }, [
      h('strong', `Unfilled holes (${unfilled.length})`),
      h('ol', unfilled.map(({ m, i }) => h('li', [h('a', { href: `#hole-${i}` }, m.hole.id), ` — ${m.hole.chapter.join(' › ')}`]))),
    ]) as Element,
    h('article', tree.children as ElementContent[]) as Element,
    h('script', { type: 'application/json', id: 'stackdoc-holes' }, JSON.stringify(infos).replace(/</g, '\\u003c')) as Element,
  ];
  return page({ title: `${slugName}: article preview`, depth: 1, live, nav: [{ href: '../index.html', text: 'all stacks' }], body });
}

/** Images next to the skeleton are copied into the site; a missing one is shown as a missing picture. */
function fixImage(img: Element, skeleton: Skeleton, files: SiteFiles, slugName: string): void {
  const src = String(img.properties.src ?? '');
  if (/^[a-z]+:/i.test(src)) return;
  if (src.startsWith('examples/') && files.has(`${slugName}/${src}`)) return; // a chapter diagram, copied with the site
  const file = join(dirname(skeleton.source.path), decodeURI(src));
  if (src !== '' && !src.startsWith('examples/') && !src.includes('..') && existsSync(file)) {
    files.set(`${slugName}/${decodeURI(src)}`, readFileSync(file));
    return;
  }
  img.tagName = 'span';
  img.properties = { className: ['missing-image'], ...(img.properties.dataHole ? { dataHole: img.properties.dataHole } : {}) };
  img.children = [{ type: 'text', value: `missing picture ${src || '(no path)'}: ${String(img.properties.alt ?? '')}` }];
}

function regionLine(build: BuildResult, file: string, region: string | undefined): number | undefined {
  const emitted = build.trees.get(file);
  const body = region !== undefined ? emitted?.regions.get(region) : undefined;
  if (emitted === undefined || body === undefined) return undefined;
  const at = emitted.text.indexOf(body);
  return at === -1 ? undefined : emitted.text.slice(0, at).split('\n').length;
}

function* walk(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type === 'element') {
      yield child;
      yield* walk(child);
    }
  }
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

/** Puts each extra element right after its target, in one walk over the tree (linear). */
function insertAfter(tree: Root, after: ReadonlyMap<Element, Element>): void {
  if (after.size === 0) return;
  const visit = (parent: Root | Element): void => {
    const children: typeof parent.children = [];
    for (const child of parent.children) {
      children.push(child as never);
      if (child.type !== 'element') continue;
      visit(child);
      const extra = after.get(child);
      if (extra !== undefined) children.push(extra as never);
    }
    parent.children = children;
  };
  visit(tree);
}
