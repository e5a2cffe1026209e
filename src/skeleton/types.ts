/** What a hole asks of the writer (see README "Hole kinds" and classify.ts for the rules). */
export type HoleKind = 'slot' | 'value' | 'brief' | 'conditional' | 'todo';

/** `legacy` = `{{…}}`, `canonical` = `<<id>>` / `<<id: text>>`, `bare` = a TODO in prose. */
export type HoleSyntax = 'legacy' | 'canonical' | 'bare';

/** Where a hole stands in the Markdown tree (the deepest node that covers all of it). */
export interface HoleContext {
  node:
    | 'front-matter'
    | 'heading'
    | 'paragraph'
    | 'list item'
    | 'table cell'
    | 'link text'
    | 'inline code'
    | 'code block'
    | 'html'
    | 'blocks';
  /** The info string's language of a code block (`yaml`), when there is one. */
  lang?: string;
}

/** One thing left to fill in a skeleton, with its exact place in the source. */
export interface Hole {
  id: string;
  kind: HoleKind;
  syntax: HoleSyntax;
  /** The hole's inner text (the brief, the example value or the name), newlines as `\n`. */
  text: string;
  /** Source offsets of the whole hole, delimiters included: `source.slice(start, end)`. */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  context: HoleContext;
  /** Heading path, e.g. ["Hello world", "Локальная сборка"]. */
  chapter: string[];
  /** For conditional holes: the front-matter key that decides, e.g. `is_compiled`. */
  condition?: string;
}
