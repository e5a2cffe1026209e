import { isGoTemplateAction } from './go-template.js';

/** A delimited region found in the raw source, before any Markdown meaning is attached. */
export interface RawSpan {
  syntax: 'legacy' | 'canonical';
  start: number;
  end: number;
  /** Text between the delimiters, as written. */
  inner: string;
  /** Canonical only: the id before the colon, and the text after it (if any). */
  id?: string;
  brief?: string;
}

export interface UnclosedSpan {
  offset: number;
  opener: '{{' | '<<';
}

/** `<<` + id + optional `: text` + `>>`. An id is dotted words: `deploy.command`, `app-port`. */
const CANONICAL_HEAD = /<<\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*(>>|:)/y;

/**
 * Finds every hole span in the raw source with balanced matching.
 *
 * This works on the raw text, not on the Markdown tree, because a hole may cross blocks and
 * contain whole fenced code blocks (lines 354–363 of the given skeleton); micromark cannot see
 * inside code or across blocks. Go/Helm actions are skipped whole, nested ones included; an
 * action nested inside a hole belongs to that hole.
 */
export function findSpans(source: string): { spans: RawSpan[]; unclosed: UnclosedSpan[] } {
  const spans: RawSpan[] = [];
  const unclosed: UnclosedSpan[] = [];
  let i = 0;
  while (i < source.length) {
    const curly = source.indexOf('{{', i);
    const angle = findCanonicalStart(source, i);
    if (curly === -1 && angle === -1) break;
    if (angle !== -1 && (curly === -1 || angle < curly)) {
      const span = readCanonical(source, angle);
      if (span === undefined) {
        unclosed.push({ offset: angle, opener: '<<' });
        i = angle + 2;
      } else {
        spans.push(span);
        i = span.end;
      }
      continue;
    }
    const close = matchBraces(source, curly);
    if (close === -1) {
      unclosed.push({ offset: curly, opener: '{{' });
      i = curly + 2;
      continue;
    }
    const inner = source.slice(curly + 2, close);
    if (isGoTemplateAction(inner)) {
      // A canonical hole may stand inside a Helm action: `{{ tuple "<<image.name>>" . | … }}`.
      spans.push(...canonicalWithin(source, curly + 2, close));
    } else {
      spans.push({ syntax: 'legacy', start: curly, end: close + 2, inner });
    }
    i = close + 2;
  }
  return { spans, unclosed };
}

function canonicalWithin(source: string, from: number, to: number): RawSpan[] {
  const found: RawSpan[] = [];
  let at = findCanonicalStart(source, from);
  while (at !== -1 && at < to) {
    const span = readCanonical(source, at);
    if (span === undefined || span.end > to) break;
    found.push(span);
    at = findCanonicalStart(source, span.end);
  }
  return found;
}

function findCanonicalStart(source: string, from: number): number {
  let at = source.indexOf('<<', from);
  while (at !== -1) {
    CANONICAL_HEAD.lastIndex = at;
    if (CANONICAL_HEAD.test(source)) return at;
    at = source.indexOf('<<', at + 1);
  }
  return -1;
}

/** Returns the offset of the `}}` that closes the `{{` at `open`, or -1. */
function matchBraces(source: string, open: number): number {
  let depth = 0;
  for (let j = open; j < source.length - 1; j++) {
    if (source.startsWith('{{', j)) {
      depth++;
      j++;
    } else if (source.startsWith('}}', j)) {
      depth--;
      if (depth === 0) return j;
      j++;
    }
  }
  return -1;
}

function readCanonical(source: string, start: number): RawSpan | undefined {
  CANONICAL_HEAD.lastIndex = start;
  const head = CANONICAL_HEAD.exec(source);
  if (head === null) return undefined;
  const id = head[1]!;
  const afterHead = start + head[0].length;
  if (head[2] === '>>') {
    return { syntax: 'canonical', start, end: afterHead, inner: source.slice(start + 2, afterHead - 2), id };
  }
  // `<<id: text>>`: the text may hold Go actions and nested canonical holes; balance on those.
  let depth = 1;
  for (let j = afterHead; j < source.length - 1; j++) {
    CANONICAL_HEAD.lastIndex = j;
    if (source.startsWith('<<', j) && CANONICAL_HEAD.test(source)) {
      depth++;
      j++;
    } else if (source.startsWith('>>', j)) {
      depth--;
      if (depth === 0) {
        return {
          syntax: 'canonical',
          start,
          end: j + 2,
          inner: source.slice(start + 2, j),
          id,
          brief: source.slice(afterHead, j).trim(),
        };
      }
      j++;
    }
  }
  return undefined;
}
