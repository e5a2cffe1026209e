import type { Ajv as AjvInstance } from 'ajv';

/**
 * A fresh ajv configured the way our schemas need it, loaded on first use so commands that
 * never validate do not pay for ajv. `verbose` keeps each error's parent schema, which lets us
 * suggest the key a typo meant; `strict: false` because GitLab's schema carries its own
 * keywords (markdownDescription) and loose unions.
 */
export async function createAjv(): Promise<AjvInstance> {
  const [{ Ajv }, formats] = await Promise.all([import('ajv'), import('ajv-formats')]);
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true });
  // ajv-formats is CommonJS: Node hands its module.exports over as `default`, and that object
  // carries the plugin again as `.default` (the only spelling both Node and TypeScript agree on).
  formats.default.default(ajv);
  return ajv;
}
