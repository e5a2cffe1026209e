import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { UserError } from '../util/errors.js';

/**
 * How many alias expansions a profile YAML file may make. Profiles are small hand-written files;
 * the limit stops an alias bomb (a few lines that expand to millions of nodes) early, and the
 * `yaml` library counts the expansions for us (`maxAliasCount`).
 */
export const MAX_ALIASES = 100;

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

/**
 * Parses a profile YAML file (layer.yaml, values.yaml, deny.yaml). A syntax error, an alias
 * without an anchor or an alias bomb is a UserError at the file:line:col of the fault, never the
 * library's exception.
 */
export function parseProfileYaml(file: string, text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const pos = lines.linePos(syntax.pos[0]);
    throw new UserError(`not valid YAML: ${syntax.message.split('\n')[0]}`, file, pos.line, pos.col);
  }
  // An alias inside the very value its anchor names makes a value that contains itself: every
  // reader of it (the schema check, the merge of layers) would recurse without end.
  let loop: { source: string; at: number } | undefined;
  visit(doc, {
    Alias(_, node, path) {
      if (node.range && path.includes(node.resolve(doc) as never)) {
        loop = { source: node.source, at: node.range[0] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (loop !== undefined) {
    const pos = lines.linePos(loop.at);
    throw new UserError(`alias *${loop.source} stands inside the value &${loop.source} names, so that value would contain itself; write the values out`, file, pos.line, pos.col);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    // yaml throws a ReferenceError for an alias without an anchor and for an alias bomb.
    const message = (error as Error).message;
    const name = /alias[^:]*: (\S+)$/.exec(message)?.[1];
    let where: number | undefined;
    visit(doc, {
      Alias(_, node) {
        if ((name === undefined || node.source === name) && node.range) {
          where = node.range[0];
          return visit.BREAK;
        }
        return undefined;
      },
    });
    const pos = lines.linePos(where ?? 0);
    const what = /Excessive alias count/.test(message)
      ? `YAML aliases expand more than ${MAX_ALIASES} times; write the values out`
      : `alias *${name ?? ''} has no anchor before it; define &${name ?? 'anchor'} first or write the value out`;
    throw new UserError(what, file, pos.line, pos.col);
  }
  return { doc, lines, data };
}
