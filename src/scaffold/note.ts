/**
 * The author's note `init-profile` leaves where text is still to be written: a section file or a
 * snippet region that holds only this note keeps its hole reported as unfilled (fill/resolve.ts),
 * so scaffolding a layer never makes a hole look done.
 */
const NOTE = 'stackdoc: to write';

/** A section's note: an HTML comment, invisible if the section is ever published by mistake. */
export function sectionNote(brief: string, where: string): string {
  return `<!-- ${NOTE}: ${brief.replace(/--/g, '—').replace(/\n+/g, ' ').trim()} (${where}) -->\n`;
}

/** The line comment of an example file's language (`#` for YAML, Dockerfiles and shell). */
export function commentOf(path: string): string {
  return /\.(js|mjs|ts|go|java|c|cpp|rs)$/.test(path) ? '//' : '#';
}

/** A note inside an example file, in the file's own comment syntax. */
export function fileNote(path: string, text: string): string {
  return `${commentOf(path)} ${NOTE}: ${text}`;
}

/** True when the text is nothing but an author's note: the writer has not written it yet. */
export function isAuthorNote(text: string): boolean {
  return new RegExp(`^\\s*(<!--|#|//)?\\s*${NOTE}\\b[^\\n]*(-->)?\\s*$`).test(text);
}
