import { canonicalHeadAt, unescapeText } from './canonical.js';
import { templateEngine } from './template-syntax.js';

/** A delimited region found in the raw source, before any Markdown meaning is attached. */
export interface RawSpan {
  syntax: 'legacy' | 'canonical';
  start: number;
  end: number;
  /** Text between the delimiters, as written. */
  inner: string;
  /** Canonical only: the id before the colon, and the text after it (escapes undone), if any. */
  id?: string;
  brief?: string;
}

export interface UnclosedSpan {
  offset: number;
  opener: '{{' | '<<';
}

export interface SpanOptions {
  /** Whether `{{…}}` can be a hole in this file (see legacy.ts); canonical holes always can. */
  legacy: boolean;
}

/** Counts of the work done, for the tests that check it grows linearly with the input. */
export const spanWork = { steps: 0 };

/**
 * Finds every hole span in the raw source with balanced matching, in time linear in its length.
 *
 * This works on the raw text, not on the Markdown tree, because a hole may cross blocks and
 * contain whole fenced code blocks (lines 354–363 of the given skeleton); micromark cannot see
 * inside code or across blocks. Template actions of other engines are skipped whole, nested ones
 * included; an action nested inside a hole belongs to that hole.
 *
 * Each opener's partner is found once with a stack over all the tokens (the same pairs as
 * counting depth from each opener, without rescanning the rest of the file for an unclosed one).
 */
export function findSpans(source: string, opts: SpanOptions = { legacy: true }): { spans: RawSpan[]; unclosed: UnclosedSpan[] } {
  const braces = opts.legacy ? matchBraces(source) : undefined;
  const angles = matchCanonical(source);
  const spans: RawSpan[] = [];
  const unclosed: UnclosedSpan[] = [];
  let b = 0; // next brace opener
  let a = 0; // next canonical opener
  let i = 0;
  const bOpen = braces?.open ?? [];
  let crossing: ReturnType<typeof crossingCheck> | undefined;
  for (;;) {
    while (b < bOpen.length && bOpen[b]! < i) b++;
    while (a < angles.open.length && angles.open[a]! < i) a++;
    spanWork.steps++;
    const curly = bOpen[b] ?? -1;
    const angle = angles.open[a] ?? -1;
    if (curly === -1 && angle === -1) break;
    if (angle !== -1 && (curly === -1 || angle < curly)) {
      const close = angles.close[a]!;
      if (close === -1) {
        unclosed.push({ offset: angle, opener: '<<' });
        i = angle + 2;
      } else {
        spans.push(canonicalSpan(source, angle, close, angles.head[a]!));
        i = close;
      }
      continue;
    }
    const close = braces!.close[b]!;
    if (close === -1) {
      unclosed.push({ offset: curly, opener: '{{' });
      i = curly + 2;
      continue;
    }
    // `{{{name}}}` (Mustache's unescaped output) ends with a third brace.
    const end = source[curly + 2] === '{' && source[close + 2] === '}' ? close + 3 : close + 2;
    const inner = source.slice(curly + 2, close);
    if (templateEngine(source, curly, inner) !== undefined) {
      // A canonical hole may stand inside an action: `{{ tuple "<<image.name>>" . | … }}`.
      for (let k = a; k < angles.open.length && angles.open[k]! < close; k++) {
        spanWork.steps++;
        const c = angles.close[k]!;
        if (c === -1 || c > close) break;
        spans.push(canonicalSpan(source, angles.open[k]!, c, angles.head[k]!));
        while (k + 1 < angles.open.length && angles.open[k + 1]! < c) k++;
      }
    } else {
      // A canonical hole that opens inside and closes after the `}}` crosses it: then the `{{`
      // is text and the canonical hole counts. As a hole, its text would be migrated with that
      // opener escaped, and the `>>` after it would close something else (an earlier unclosed
      // `<<id:`), so scanning the migrated file would find other holes.
      crossing ??= crossingCheck(angles);
      if (crossing(a, curly, close)) {
        i = curly + 2;
        continue;
      }
      spans.push({ syntax: 'legacy', start: curly, end, inner });
    }
    i = end;
  }
  return { spans, unclosed };
}

/**
 * Whether a canonical opener after `from` (its index in `angles.open` at least `k`) and before
 * `until` closes after `until`. A table of range maxima of the closes (built once, on the first
 * `{{…}}` that needs it) answers each question in constant time, so nested `{{` that are all
 * crossed do not rescan the openers inside them.
 */
function crossingCheck(angles: { open: number[]; close: number[] }): (k: number, from: number, until: number) => boolean {
  const { open, close } = angles;
  const n = open.length;
  if (n === 0) return () => false;
  // levels[j][i] = max(close[i … i + 2^j - 1]); an unclosed opener (-1) never crosses.
  const levels: Int32Array[] = [Int32Array.from(close)];
  for (let width = 2; width <= n; width *= 2) {
    const prev = levels.at(-1)!;
    const half = width / 2;
    const next = new Int32Array(n - width + 1);
    for (let i = 0; i < next.length; i++) next[i] = Math.max(prev[i]!, prev[i + half]!);
    spanWork.steps += next.length / 64;
    levels.push(next);
  }
  return (k, from, until) => {
    let lo = k;
    while (lo < n && open[lo]! <= from) lo++;
    // First opener at or after `until`, by binary search.
    let a = lo;
    let b = n;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (open[mid]! < until) a = mid + 1;
      else b = mid;
    }
    const hi = a; // openers lo … hi-1 stand inside
    if (hi <= lo) return false;
    const j = 31 - Math.clz32(hi - lo);
    const level = levels[j]!;
    return Math.max(level[lo]!, level[hi - (1 << j)]!) > until;
  };
}

function canonicalSpan(source: string, start: number, end: number, head: { id: string; length: number; closed: boolean }): RawSpan {
  const afterHead = start + head.length;
  const span: RawSpan = { syntax: 'canonical', start, end, inner: source.slice(start + 2, end - 2), id: head.id };
  if (!head.closed) span.brief = unescapeText(source.slice(afterHead, end - 2).trim());
  return span;
}

/**
 * Every `{{` (in order) and the offset of the `}}` that closes it, or -1. Tokens are read left to
 * right, two characters at a time, so `{{{` is `{{` + `{`.
 */
function matchBraces(source: string): { open: number[]; close: number[] } {
  const open: number[] = [];
  const close: number[] = [];
  const stack: number[] = [];
  let j = source.indexOf('{{');
  // The next `{{` and `}}` at or after a point, each searched for again only once passed: a
  // fresh `indexOf` per token would scan to the end of the file for the kind that is missing
  // (a megabyte of `{` with no `}}` took half a minute).
  let o = -2;
  let c = -2;
  const search = (what: string, from: number): number => {
    const at = source.indexOf(what, from);
    // The bytes a search passes count as work (a step per 64), so the linear-growth tests see them.
    spanWork.steps += ((at === -1 ? source.length : at) - from) / 64;
    return at;
  };
  const next = (from: number): number => {
    if (o !== -1 && o < from) o = search('{{', from);
    if (c !== -1 && c < from) c = search('}}', from);
    return o === -1 ? c : c === -1 ? o : Math.min(o, c);
  };
  if (j === -1) return { open, close };
  j = next(0);
  while (j !== -1) {
    spanWork.steps++;
    if (source.charCodeAt(j) === 123) {
      stack.push(open.length);
      open.push(j);
      close.push(-1);
    } else {
      const k = stack.pop();
      if (k !== undefined) close[k] = j;
    }
    j = next(j + 2);
  }
  return { open, close };
}

/**
 * Every canonical opener (in order), its head, and the offset just past the `>>` that closes it,
 * or -1. `<<id>>` is whole in itself; `<<id: text>>` nests: its text may hold other canonical
 * holes. A backslash escapes the next `>` or backslash (canonical.ts).
 */
function matchCanonical(source: string): {
  open: number[];
  close: number[];
  head: Array<{ id: string; length: number; closed: boolean }>;
} {
  const open: number[] = [];
  const close: number[] = [];
  const head: Array<{ id: string; length: number; closed: boolean }> = [];
  const stack: number[] = [];
  let j = 0;
  const n = source.length;
  while (j < n) {
    // Jump to the next character that matters; most text has none of them.
    let k = j;
    for (; k < n; k++) {
      const c = source.charCodeAt(k);
      if (c === 60 || c === 62 || c === 92) break;
    }
    spanWork.steps++;
    if (k >= n) break;
    j = k;
    const c = source.charCodeAt(j);
    if (c === 92) {
      // `\>` and `\\` are escapes; `\<` is one too, but only a second `<` needs it (`<\<a>>`),
      // and the `<` after `\` is not skipped, so `\<<a>>` is still a hole.
      const d = source.charCodeAt(j + 1);
      j += d === 62 || d === 92 ? 2 : 1;
      continue;
    }
    if (c === 60) {
      const h = canonicalHeadAt(source, j);
      if (h === undefined) {
        j++;
        continue;
      }
      open.push(j);
      head.push(h);
      if (h.closed) close.push(j + h.length);
      else {
        stack.push(close.length);
        close.push(-1);
      }
      j += h.length;
      continue;
    }
    // `>`
    if (source.charCodeAt(j + 1) === 62) {
      const top = stack.pop();
      if (top !== undefined) close[top] = j + 2;
      j += 2;
      continue;
    }
    j++;
  }
  return { open, close, head };
}
