import { createRequire } from 'node:module';

/** One directive of an nginx config: `name value;` or a block `name value { … }`. */
export interface NginxNode {
  name: string;
  value: string;
  isBlock: boolean;
  children: NginxNode[];
}

interface NginxConfModule {
  NginxParser: new () => { parse(source: string, callback: (error: Error | null, tree?: NginxNode) => void): void };
}

/** Parses nginx config text with the nginx-conf library; a syntax error is a thrown Error. */
export function parseNginx(text: string): NginxNode {
  // nginx-conf is CommonJS; createRequire keeps it out of the startup path of other commands
  const { NginxParser } = createRequire(import.meta.url)('nginx-conf') as NginxConfModule;
  let result: NginxNode | undefined;
  let failure: Error | null = null;
  new NginxParser().parse(text, (error, tree) => {
    failure = error;
    result = tree;
  });
  if (failure) throw failure;
  if (!result) throw new Error('the nginx config did not parse');
  return result;
}

export function children(node: NginxNode, name: string): NginxNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Every `server` block under `http`. */
export function servers(root: NginxNode): NginxNode[] {
  return children(root, 'http').flatMap((http) => children(http, 'server'));
}

/** What a `location` serves from disk: `root R` serves R + URI, `alias A` serves A in its place. */
export interface StaticLocation {
  prefix: string;
  /** The folder the location's URI prefix maps to. */
  dir: string;
  directive: 'root' | 'alias';
  path: string;
}

export function staticLocations(server: NginxNode): StaticLocation[] {
  const serverRoot = children(server, 'root')[0]?.value;
  const out: StaticLocation[] = [];
  for (const location of children(server, 'location')) {
    const prefix = location.value.replace(/^(\^~|=)\s+/, '');
    const alias = children(location, 'alias')[0]?.value;
    const root = children(location, 'root')[0]?.value ?? serverRoot;
    if (alias) out.push({ prefix, dir: trimSlash(alias), directive: 'alias', path: alias });
    else if (root && !children(location, 'proxy_pass').length && !children(location, 'return').length) {
      out.push({ prefix, dir: trimSlash(`${trimSlash(root)}${prefix}`), directive: 'root', path: root });
    }
  }
  return out;
}

/** `proxy_pass` targets of a server, with `upstream` names resolved to their servers. */
export function proxyTargets(root: NginxNode, server: NginxNode): { location: string; target: string; servers: string[] }[] {
  const upstreams = new Map(children(root, 'http').flatMap((http) => children(http, 'upstream')).map((u) => [u.value, children(u, 'server').map((s) => s.value.split(/\s+/)[0]!)]));
  return children(server, 'location').flatMap((location) =>
    children(location, 'proxy_pass').map((p) => {
      const host = p.value.replace(/^https?:\/\//, '').split('/')[0]!;
      return { location: location.value, target: p.value, servers: upstreams.get(host) ?? [host] };
    }),
  );
}

export function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The 1-based line of the first line that starts with `directive` followed by `value`. */
export function lineOf(text: string, directive: string, value?: string): number | undefined {
  const lines = text.split('\n');
  const i = lines.findIndex((line) => {
    const t = line.trim();
    return t.startsWith(`${directive} `) && (value === undefined || t.slice(directive.length).trim().startsWith(value));
  });
  return i === -1 ? undefined : i + 1;
}
