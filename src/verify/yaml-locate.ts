import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A path into parsed YAML data: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** The path an ajv `instancePath` (a JSON pointer such as `/Build/scriptt`) names. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The 1-based line where `path` is written in `doc`, so a schema error can name file:line.
 * With `key`, the line of the last key rather than of its value (they differ for block values).
 * Follows aliases and `<<` merge keys. If the path leads somewhere the text does not spell out,
 * answers the line of the deepest part that is written.
 */
export function lineAt(doc: Document, lines: LineCounter, path: YamlPath, key = false): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    node = deref(doc, node);
    const step = childOf(doc, node, path[i]!);
    if (!step) break;
    const last = i === path.length - 1;
    offset = (last && key && step.keyOffset !== undefined ? step.keyOffset : rangeStart(step.value)) ?? step.keyOffset ?? offset;
    node = step.value;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

interface Step {
  value: unknown;
  keyOffset?: number;
}

function childOf(doc: Document, node: unknown, segment: string | number): Step | undefined {
  if (isSeq(node)) {
    const item = node.items[Number(segment)];
    return item === undefined ? undefined : { value: item };
  }
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === String(segment)) {
      return { value: pair.value, keyOffset: rangeStart(pair.key) };
    }
  }
  // Not written here: it may come in through a `<<: *anchor` merge.
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.value === '<<') {
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const found = childOf(doc, deref(doc, source), segment);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
