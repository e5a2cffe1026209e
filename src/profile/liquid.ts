import { resolve } from 'node:path';
import { Liquid, type Context, type TagToken, type Template } from 'liquidjs';
import { UserError } from '../util/errors.js';

/** Cuts a named region out of a rendered example file: `<% snippet "010-hello-world/stapel/werf.yaml" "meta" %>`. */
export type SnippetLookup = (file: string, region: string) => string;

/**
 * The Liquid engine for sections and example files. Delimiters are `<< >>` and `<% %>` so that
 * Go/Helm `{{ }}` in the templates stays literal; undefined variables and filters are errors;
 * includes resolve only inside profiles/ (liquidjs checks containment of `root` with realpath).
 */
export function createLiquid(profilesDir: string, snippet: SnippetLookup): Liquid {
  const liquid = new Liquid({
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
  });
  liquid.registerTag('snippet', {
    parse(token: TagToken) {
      const args = [...token.args.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
      if (args.length !== 2) throw new Error('snippet takes a file and a region: <% snippet "010-hello-world/stapel/werf.yaml" "meta" %>');
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

function templateError(file: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  const e = error as { message?: string; token?: { getPosition?: () => number[] }; originalError?: unknown };
  if (e.originalError instanceof UserError) return e.originalError;
  const [line, column] = e.token?.getPosition?.() ?? [];
  const message = (e.message ?? String(error)).replace(/, line:\d+, col:\d+$/, '').replace(/\n[\s\S]*$/, '');
  const hint = /undefined variable/.test(message)
    ? "; define it in a layer's values.yaml or fix the name"
    : /Failed to lookup/.test(message)
      ? '; includes resolve only inside the profiles folder'
      : '';
  return new UserError(`template error: ${message}${hint}`, file, line, column);
}
