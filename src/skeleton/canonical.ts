/**
 * The canonical hole syntax, strict enough that shell heredocs (`cat <<EOF >> ~/.bashrc`), UML
 * stereotypes (`<<Entity>>`), bit shifts (`1<<2>>1`) and YAML merge keys (`<<: *base`) are not
 * holes:
 *
 *   <<id>>            a slot
 *   <<id: text>>      a hole with a brief; the colon is followed by a space or a line break
 *
 * An id is lowercase dotted words, `[a-z0-9_][a-z0-9_-]*` each, with at least one letter
 * (`framework.name`, `1-vvedenie.todo`); no space anywhere between `<<` and `>>` or `:`.
 * Inside the text a backslash escapes `<`, `>` and itself, so that
 * any text fits between the delimiters: `<<a: x \>\> y>>` is the text `x >> y`, `<<a: <\<b>> >>`
 * the text `<<b>>`.
 */
export const CANONICAL_HEAD = /<<([a-z0-9_][a-z0-9_-]*(?:\.[a-z0-9_][a-z0-9_-]*)*)(>>|:(?=[ \t\r\n]))/y;

const ID = /^[a-z0-9_][a-z0-9_-]*(?:\.[a-z0-9_][a-z0-9_-]*)*$/;

/** An id the canonical syntax reads back (migrate writes only these). */
export function isCanonicalId(id: string): boolean {
  return ID.test(id) && /[a-z]/.test(id);
}

/** The head `<<id>>` or `<<id:` at `at`, or undefined. */
export function canonicalHeadAt(source: string, at: number): { id: string; length: number; closed: boolean } | undefined {
  if (source.charCodeAt(at) !== 60 || source.charCodeAt(at + 1) !== 60) return undefined;
  CANONICAL_HEAD.lastIndex = at;
  const m = CANONICAL_HEAD.exec(source);
  if (m === null || !/[a-z]/.test(m[1]!)) return undefined;
  return { id: m[1]!, length: m[0].length, closed: m[2] === '>>' };
}

/**
 * Escapes a hole's text for `<<id: text>>`: a backslash before every `>` that would close the
 * hole (every second one of a run of `>`, and the last character), before the second `<` of every `<<` that
 * would open a nested hole (`<\<a>>`), and before every backslash that would otherwise escape
 * one of those or the closing `>`. A backslash right before `<<` outside a hole does not stop it
 * (`\<<a>>` is a hole), so a hole written after a backslash stays a hole.
 */
export function escapeText(text: string): string {
  let out = '';
  let run = 0; // position in a run of `>`
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    run = c === '>' ? run + 1 : 0;
    // In a run of `>`, the 2nd, 4th… are escaped (and the last one of the text): the first stays
    // as written, so a line that starts with `>` still starts a block quote.
    if (c === '>' && (run % 2 === 0 || next === undefined)) out += '\\>';
    else if (c === '<' && canonicalHeadAt(text, i) !== undefined) {
      out += '<\\<';
      i++;
    } else if (c === '\\' && (next === undefined || next === '<' || next === '>' || next === '\\')) out += '\\\\';
    else out += c;
  }
  return out;
}

/** The text of a canonical hole as written, escapes undone. */
export function unescapeText(text: string): string {
  return text.includes('\\') ? text.replace(/\\([<>\\])/g, '$1') : text;
}
