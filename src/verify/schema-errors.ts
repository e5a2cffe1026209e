import type { ErrorObject } from 'ajv';
import { closest } from './closest.js';
import { pointerToPath } from './yaml-locate.js';

/** One schema violation, phrased for a person, with the data path that locates it. */
export interface SchemaProblem {
  path: string[];
  /** The path ends in a key that should not be there: point at the key, not its value. */
  atKey: boolean;
  message: string;
}

const KEYWORD_RANK: Record<string, number> = { additionalProperties: 0, required: 1, const: 2, enum: 2, type: 3 };
const UMBRELLA = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'not']);

/**
 * Turns ajv's raw list into the few problems worth reading. Schemas built from anyOf/oneOf report
 * every alternative that failed; the most specific error is the deepest one, so errors whose path
 * is a prefix of another error's path are dropped, then "must match a schema in anyOf" umbrellas.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], limit = 5): SchemaProblem[] {
  const deepest = errors.filter(
    (e) => !errors.some((other) => other.instancePath !== e.instancePath && other.instancePath.startsWith(`${e.instancePath}/`)),
  );
  const specific = deepest.filter((e) => !UMBRELLA.has(e.keyword) || !deepest.some((o) => o.instancePath === e.instancePath && !UMBRELLA.has(o.keyword)));
  specific.sort((a, b) => (KEYWORD_RANK[a.keyword] ?? 4) - (KEYWORD_RANK[b.keyword] ?? 4));
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const error of specific) {
    const problem = describe(error);
    const id = `${problem.path.join('/')}\0${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(problem);
    if (out.length === limit) break;
  }
  return out;
}

function describe(error: ErrorObject): SchemaProblem {
  const path = pointerToPath(error.instancePath);
  const at = path.length > 0 ? `${path.join('.')}: ` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const guess = closest(key, known);
      return {
        path: [...path, key],
        atKey: true,
        message: `${at}unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
      };
    }
    case 'required':
      return { path, atKey: false, message: `${at}missing required key "${String(params.missingProperty)}"` };
    case 'enum':
      return { path, atKey: false, message: `${at}must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, atKey: false, message: `${at}must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path, atKey: false, message: `${at}${error.message ?? error.keyword}` };
  }
}
