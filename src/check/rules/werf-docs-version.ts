import { articlePieces, urlsIn } from '../article.js';
import type { Finding, Rule } from '../types.js';

/**
 * The pages of werf 1.1's documentation: werf.io publishes each version and release channel
 * under its own prefix (`/v1.1-alpha/`, `/v1.1-stable/`, … as the werf-guides repository links
 * them), and the unversioned `/documentation/…` pages now describe werf 2. The articles teach
 * werf 1.1 and link its stable channel only (profiles/README.md, "Links into werf's
 * documentation"), so one version scheme is accepted.
 */
const VERSIONED = /^https?:\/\/(?:ru\.)?werf\.io\/v1\.1-stable\/documentation\/\S+/;
/** werf.io's home page is not a page of the documentation: linking it is fine. */
const HOME = /^https?:\/\/(?:ru\.)?werf\.io\/?(?:[#?].*)?$/;

/** `werf-docs-version`: every link into werf.io names a page of werf 1.1's (stable) documentation. */
export const werfDocsVersion: Rule = {
  id: 'werf-docs-version',
  doc: 'Every link into werf.io is a werf 1.1 page: https://werf.io/v1.1-stable/documentation/… (or ru.werf.io).',
  severity: 'error',
  run(ctx) {
    const findings: Finding[] = [];
    for (const piece of articlePieces(ctx)) {
      for (const { url, index } of urlsIn(piece.text)) {
        if (!/^https?:\/\/(?:[\w-]+\.)?werf\.io(?:[/?#]|$)/.test(url) || VERSIONED.test(url) || HOME.test(url)) continue;
        findings.push({
          rule: this.id, severity: this.severity, file: ctx.skeleton.source.path, ...piece.at(index),
          key: piece.hole ? `${url} in ${piece.hole.id}` : url,
          message: `${url} is not a werf 1.1 page (${suggest(url)})${piece.hole ? `; it is in the text that fills ${piece.hole.id}` : ''}`,
        });
      }
    }
    return findings;
  },
};

/** What to write instead: the same page under the 1.1 stable prefix, when the URL shows which page. */
function suggest(url: string): string {
  const m = /^https?:\/\/((?:ru\.)?werf\.io)\/(?:v1\.1-[\w-]+\/|documentation\/v1\.1\/)?(?:documentation\/)?(.*)$/.exec(url);
  if (m === null || m[2] === '' || /^(?:docs|v\d)/.test(m[2]!)) return 'link the page under https://ru.werf.io/v1.1-stable/documentation/';
  return `link https://${m[1]}/v1.1-stable/documentation/${m[2]}`;
}
