/** The shape of known-fields.json (see generate-known-fields.ts). */
export interface KnownFields {
  /** Package versions the table was generated from. */
  sources: Record<string, string>;
  /** `apiVersion/kind` → type id. */
  roots: Record<string, string>;
  /** Type id → field name → the type id its value (or each item of it) has, or null if unchecked. */
  types: Record<string, Record<string, string | null>>;
}

/** A key the object's type does not have, with its path in the object. */
export interface UnknownField {
  path: (string | number)[];
  key: string;
  /** The fields that type does have, for the message. */
  known: string[];
}

/** Every key in `object` (recursively) that its Kubernetes type does not define. */
export function unknownFields(table: KnownFields, typeId: string, object: unknown, path: (string | number)[] = []): UnknownField[] {
  if (Array.isArray(object)) return object.flatMap((item, i) => unknownFields(table, typeId, item, [...path, i]));
  if (typeof object !== 'object' || object === null) return [];
  const fields = table.types[typeId];
  if (!fields) return [];
  const found: UnknownField[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (!(key in fields)) {
      found.push({ path: [...path, key], key, known: Object.keys(fields) });
      continue;
    }
    const inner = fields[key];
    if (inner) found.push(...unknownFields(table, inner, value, [...path, key]));
  }
  return found;
}
