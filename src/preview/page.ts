import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';

export interface PageOptions {
  title: string;
  /** How many folders below out/preview/ the page is, for the links to the shared assets. */
  depth: number;
  live: boolean;
  nav: Array<{ href: string; text: string }>;
  body: ElementContent[];
}

/** A whole HTML page around `body`, serialized by hast-util-to-html (it escapes what it must). */
export function page(opts: PageOptions): string {
  const up = '../'.repeat(opts.depth);
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: 'ru' }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('title', opts.title),
        h('link', { rel: 'icon', href: 'data:,' }), // no favicon request
        h('link', { rel: 'stylesheet', href: `${up}assets/preview.css` }),
      ]),
      h('body', [
        h('header', { className: ['top'] }, [h('strong', 'stackdoc preview'), ' · ', opts.title, ...opts.nav.flatMap((n) => [' · ', h('a', { href: n.href }, n.text)])]),
        h('main', opts.body),
        h('script', { src: `${up}assets/preview.js` }),
        ...(opts.live ? [h('script', { src: `${up}assets/live.js` })] : []),
      ]),
    ]),
  ]);
  return `${toHtml(tree, { allowDangerousHtml: true })}\n`;
}
