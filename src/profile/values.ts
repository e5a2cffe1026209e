import type { ErrorObject } from 'ajv';
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';
import { UserError } from '../util/errors.js';
import type { Values } from './types.js';
import { parseProfileYaml } from './yaml.js';
// ajv's standalone code for values-schema.json (scripts/values-validator.js writes it): checking
// needs no compile at start-up, and ajv's compiler is never loaded.
import check from './values-validator.generated.cjs';

export interface ParsedValues {
  values: Values;
  positions: Map<string, { line: number; column: number }>;
}

/**
 * Parses a layer's values.yaml and checks it against the values schema. Every problem is
 * reported at the file:line:col of the key or value at fault: a typo'd key, a number where a
 * list belongs.
 */
export function parseValues(file: string, text: string): ParsedValues {
  const { doc, lines: lineCounter, data } = parseProfileYaml(file, text);
  const values = (data ?? {}) as Values;
  if (typeof values !== 'object' || Array.isArray(values)) throw new UserError('values.yaml must be a map of keys', file, 1, 1);
  if (!check(values)) {
    const first = (check.errors ?? [])[0]!;
    const at = errorPosition(doc, lineCounter, first);
    throw new UserError(describe(first), file, at.line, at.col);
  }
  return { values, positions: keyPositions(doc, lineCounter) };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath.slice(1).replace(/\//g, '.') || '(top level)';
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return `unknown key "${key}" in ${where}; check the spelling (allowed keys: src/profile/values-schema.json)`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

function errorPosition(doc: Document, lines: LineCounter, error: ErrorObject): { line: number; col: number } {
  const path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
  if (error.keyword === 'additionalProperties' && isMap(node)) {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    const range = (pair?.key as { range?: [number, number] } | undefined)?.range;
    if (range) return lines.linePos(range[0]);
  }
  return node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
}

/** Dotted path → position of the key, for `explain`. */
function keyPositions(doc: Document, lines: LineCounter): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  const walk = (node: unknown, prefix: string): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const path = prefix ? `${prefix}.${String(pair.key.value)}` : String(pair.key.value);
      const range = pair.key.range;
      if (range) {
        const p = lines.linePos(range[0]);
        out.set(path, { line: p.line, column: p.col });
      }
      walk(pair.value, path);
    }
  };
  walk(doc.contents, '');
  return out;
}
