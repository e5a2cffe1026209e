/**
 * The merge Helm uses for values and GitLab uses for `extends`: maps merge key by key, any other
 * value from `over` (scalars, and lists as a whole) replaces the one in `base`.
 */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainMap(current) && isPlainMap(value) ? deepMerge(current, value) : value;
  }
  return out;
}

export function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
