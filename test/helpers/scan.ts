import { parseSkeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import type { Hole } from '../../src/skeleton/types.js';
import { UserError } from '../../src/util/errors.js';
import { readFileSync } from 'node:fs';

/** A hole as a reviewer reads it in a golden file: one line of place, kind, id, context, text. */
export function describeHole(h: Hole): Record<string, string> {
  const out: Record<string, string> = {
    at: `${h.line}:${h.column}-${h.endLine}:${h.endColumn}`,
    kind: h.kind,
    id: h.id,
    context: h.context.node + (h.context.lang ? ` (${h.context.lang})` : ''),
    chapter: h.chapter.join(' › '),
    text: h.text,
  };
  if (h.condition) out.condition = h.condition;
  return out;
}

/** Scans a fixture file the way the CLI does and returns what a user sees: holes, warnings or the error. */
export function scanFixture(path: string, name = path): unknown {
  try {
    const skeleton = parseSkeleton(decodeSource(name, readFileSync(path)));
    return {
      frontMatter: skeleton.frontMatter?.data ?? null,
      holes: skeleton.holes.map(describeHole),
      warnings: skeleton.warnings.map((w) => `${w.line}:${w.column}: ${w.message}`),
    };
  } catch (error) {
    if (error instanceof UserError) return { error: error.format() };
    throw error;
  }
}
