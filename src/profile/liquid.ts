import { dirname, resolve, sep } from 'node:path';
import { Liquid, type Context, type FS, type TagToken, type Template } from 'liquidjs';
import { UserError } from '../util/errors.js';
import { profileEntry, readProfileText } from './confine.js';

/** Cuts a named region out of a rendered example file: `<% snippet "010-hello-world/stapel/werf.yaml" "meta" %>`. */
export type SnippetLookup = (file: string, region: string) => string;

/**
 * The Liquid engine for sections and example files. Delimiters are `<< >>` and `<% %>` so that
 * Go/Helm `{{ }}` in the templates stays literal; undefined variables and filters are errors;
 * variables are looked up among own properties only (`ownPropertyOnly`: `<< constructor >>` is
 * undefined, not Object's); includes are read through confine.ts, as every profile read is.
 */
export function createLiquid(profilesDir: string, snippet: SnippetLookup): Liquid {
  const liquid = new Liquid({
    fs: confinedFs(profilesDir),
    root: [resolve(profilesDir)],
    partials: [resolve(profilesDir)],
    layouts: [resolve(profilesDir)],
    relativeReference: false,
    extname: '',
    outputDelimiterLeft: '<<',
    outputDelimiterRight: '>>',
    tagDelimiterLeft: '<%',
    tagDelimiterRight: '%>',
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    greedy: false,
    // Parsed includes are kept for the engine's life (one build, or one watch round: a change
    // under profiles/ makes a new engine), so a partial that ten chapters include parses once.
    cache: true,
    // A fixed locale spares the engine asking Intl for the system's, which costs ~10 ms at start;
    // no template formats dates.
    locale: 'en-US',
  });
  liquid.registerTag('snippet', {
    parse(token: TagToken) {
      const args = [...token.args.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
      if (args.length !== 2) throw new Error(`snippet takes a file and a region, each quoted: <% snippet "010-hello-world/stapel/werf.yaml" "meta" %> (got: ${token.args.trim() || 'nothing'})`);
      this.snippetArgs = args;
    },
    render(ctx: Context) {
      // a value may name the file: "040-files/stapel/<< s3.file >>" (the file differs per stack)
      const [file, region] = (this.snippetArgs as [string, string]).map((arg) =>
        arg.replace(/<<\s*([\w.]+)\s*>>/g, (_m, path: string) => String(liquid.evalValueSync(path, ctx))),
      ) as [string, string];
      return snippet(file, region);
    },
  });
  return liquid;
}

/** Renders one template file; any Liquid error becomes a UserError at the template's file:line:col. */
export function renderTemplate(liquid: Liquid, file: string, text: string, scope: object): string {
  try {
    return liquid.renderSync(parsed(liquid, file, text), scope);
  } catch (error) {
    throw templateError(file, error);
  }
}

/** Parsed templates by engine and source text: a rebuild in the same process skips re-parsing. */
const templates = new WeakMap<Liquid, Map<string, Template[]>>();

function parsed(liquid: Liquid, file: string, text: string): Template[] {
  let byText = templates.get(liquid);
  if (byText === undefined) templates.set(liquid, (byText = new Map()));
  const key = `${file}\0${text}`;
  let tpl = byText.get(key);
  if (tpl === undefined) byText.set(key, (tpl = liquid.parse(text, file)));
  return tpl;
}

/**
 * liquidjs's file system for includes, through confine.ts: a file is found only when it is inside
 * the profiles folder after links are followed; one that resolves outside is refused with an
 * error (placed at the include tag by templateError) instead of a plain "not found".
 */
function confinedFs(profilesDir: string): FS {
  const exists = (file: string): boolean => profileEntry(profilesDir, file, {}) === 'file';
  const read = (file: string): string => readProfileText(profilesDir, file, {});
  return {
    existsSync: exists,
    exists: async (file) => exists(file),
    readFileSync: read,
    readFile: async (file) => read(file),
    resolve: (dir, file, ext) => resolve(dir, file + ext),
    containsSync: (_root, file) => profileEntry(profilesDir, file, {}) !== 'missing',
    contains: async (_root, file) => profileEntry(profilesDir, file, {}) !== 'missing',
    dirname,
    sep,
  };
}

function templateError(file: string, error: unknown): UserError {
  const e = error as { message?: string; token?: { getPosition?: () => number[] }; originalError?: unknown };
  const [line, column] = e.token?.getPosition?.() ?? [];
  // An error raised inside a tag (a refused include, a snippet that names no file) is placed at the tag.
  const inner = error instanceof UserError ? error : e.originalError instanceof UserError ? e.originalError : undefined;
  if (inner !== undefined) return inner.file !== undefined ? inner : new UserError(inner.message, file, line, column);
  const message = (e.message ?? String(error)).replace(/, line:\d+, col:\d+$/, '').replace(/\n[\s\S]*$/, '');
  const hint = /undefined variable/.test(message)
    ? "; define it in a layer's values.yaml or fix the name"
    : /Failed to lookup/.test(message)
      ? '; includes resolve only inside the profiles folder'
      : '';
  return new UserError(`template error: ${message}${hint}`, file, line, column);
}
