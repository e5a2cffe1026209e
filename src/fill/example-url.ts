import { valueAt } from '../profile/load.js';
import type { Values } from '../profile/types.js';

/**
 * Where the example trees are published: the value `examples.tree_url`, a URL template with
 * `{stack}` (the stack's slug) and `{chapter}` (`010-hello-world`), e.g.
 * `https://github.com/flant/examples/tree/master/werf-guides/{stack}/{chapter}`. A tree's
 * builders and files are paths below it (`…/stapel/werf.yaml`).
 */
export const TREE_URL = 'examples.tree_url';

/** The URL of one chapter's example tree, or undefined when no layer sets the template. */
export function exampleTreeUrl(values: Values, stack: string, chapter: string): string | undefined {
  const template = valueAt(values, TREE_URL);
  if (typeof template !== 'string') return undefined;
  return template.replace(/\{stack\}/g, stack).replace(/\{chapter\}/g, chapter).replace(/\/$/, '');
}

/**
 * Reads a URL back through the template: the stack, the chapter and the path below the tree
 * (`stapel/werf.yaml`, or '' for the tree itself). Undefined when the URL is not an example path
 * of this scheme (another part of the repository, a typo in the prefix).
 */
export function parseExampleUrl(values: Values, url: string): { stack: string; chapter: string; path: string } | undefined {
  const template = valueAt(values, TREE_URL);
  if (typeof template !== 'string') return undefined;
  const parts = template.replace(/\/$/, '').split(/(\{stack\}|\{chapter\})/);
  const names: string[] = [];
  const pattern = parts.map((p) => {
    if (p === '{stack}' || p === '{chapter}') {
      names.push(p.slice(1, -1));
      return '([^/?#]+)';
    }
    return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  const match = new RegExp(`^${pattern}(?:/([^?#]*))?(?:[?#].*)?$`).exec(url);
  if (match === null) return undefined;
  const got: Record<string, string> = {};
  names.forEach((name, i) => { got[name] = decodeURIComponent(match[i + 1]!); });
  return { stack: got.stack ?? '', chapter: got.chapter ?? '', path: decodeURIComponent(match[names.length + 1] ?? '').replace(/\/$/, '') };
}
