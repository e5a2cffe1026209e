import type { Ajv as AjvInstance, Ajv as AjvClass } from 'ajv';

type FormatsPlugin = (ajv: AjvInstance) => unknown;

/**
 * A fresh ajv configured the way our schemas need it, loaded on first use so commands that
 * never validate do not pay for ajv. `verbose` keeps each error's parent schema, which lets us
 * suggest the key a typo meant; `strict: false` because GitLab's schema carries its own
 * keywords (markdownDescription) and loose unions.
 */
export async function createAjv(): Promise<AjvInstance> {
  const [ajvModule, formatsModule] = await Promise.all([import('ajv'), import('ajv-formats')]);
  // Both are CommonJS. Node's loader, the test runner and the bundled CLI hand them over in
  // different shapes (`module.exports` as `default`, or the named exports directly), so take
  // the constructor and the plugin from wherever this loader put them.
  const loose = ajvModule as unknown as { Ajv?: typeof AjvClass; default?: { Ajv?: typeof AjvClass } & typeof AjvClass };
  const Ajv = loose.Ajv ?? loose.default?.Ajv ?? loose.default!;
  const formats = formatsModule as unknown as { default?: FormatsPlugin & { default?: FormatsPlugin } } & FormatsPlugin;
  const plugin = formats.default?.default ?? formats.default ?? formats;
  // optimize: false skips the pass that tidies the generated code: same checks, half the compile time
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true, code: { optimize: false } });
  plugin(ajv);
  return ajv;
}
