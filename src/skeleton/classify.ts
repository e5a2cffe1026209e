import type { HoleContext, HoleKind } from './types.js';

/** Front-matter key that decides the "if there is compilation" holes. */
export const COMPILED_KEY = 'is_compiled';
const CONDITIONAL = /(^|[^\p{L}])если\s+есть\s+компиляц/iu;

export interface Classification {
  kind: HoleKind;
  condition?: string;
}

/**
 * What a hole is, from its text and where it stands. The rules, first match wins:
 * 1. the text starts with `TODO` → `brief` (a TODO brief);
 * 2. the text says "если есть компиляция" → `conditional` on front-matter `is_compiled`;
 * 3. a canonical hole without text, or a legacy name from the alias table → `slot`;
 * 4. inside code (a code block or inline code): Cyrillic prose → `brief` (`{{ Пример кода }}`),
 *    anything else → `value` (`{{image: jopa}}`, `{{node /app/src/js/index.js}}`);
 * 5. in prose, one Latin word (`{{imagename}}`) → `slot`;
 * 6. in prose, text naming the skeleton's own stack (a front-matter choice such as Python or
 *    Flask) → `value`: an example written for one stack (`{{Python и Flask}}`);
 * 7. anything else → `brief`: prose the writer still has to write.
 */
export function classify(
  text: string,
  context: HoleContext,
  opts: { isAlias: boolean; canonicalWithoutText: boolean; stackWords: readonly string[] },
): Classification {
  const body = text.trim();
  if (/^TODO\b/i.test(body)) return { kind: 'brief' };
  if (CONDITIONAL.test(body)) return { kind: 'conditional', condition: COMPILED_KEY };
  if (opts.canonicalWithoutText || opts.isAlias) return { kind: 'slot' };
  if (context.node === 'code block' || context.node === 'inline code') {
    return { kind: isCyrillicProse(body) ? 'brief' : 'value' };
  }
  if (/^[A-Za-z][\w-]*$/.test(body)) return { kind: 'slot' };
  const words = body.toLowerCase().split(/[^\p{L}\p{N}-]+/u);
  if (opts.stackWords.some((w) => words.includes(w.toLowerCase()))) return { kind: 'value' };
  return { kind: 'brief' };
}

function isCyrillicProse(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const cyrillic = letters.filter((c) => /\p{Script=Cyrillic}/u.test(c)).length;
  return letters.length > 0 && cyrillic / letters.length > 0.5;
}
