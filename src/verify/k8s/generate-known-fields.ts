/**
 * Generates known-fields.json: for every object type reachable from the kinds in roots.ts, the
 * names of its fields and, for fields holding objects (or lists of them), the type to descend
 * into. k8s-schema walks rendered manifests with it to find keys Kubernetes does not know.
 *
 * Why generated: kubernetes-models' validators (ajv, compiled) ignore unknown properties, so
 * `imagee:` passes them; and the API server drops unknown fields silently. The field lists are
 * in the packages' TypeScript interfaces, which the compiler API reads exactly. Run after
 * upgrading kubernetes-types or kubernetes-models (test/verify checks the file is current):
 *
 *     npx tsx src/verify/k8s/generate-known-fields.ts
 */
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { packageRoot } from '../cache.js';
import { KINDS } from './roots.js';
import type { KnownFields } from './known-fields.js';

export function generateKnownFields(): KnownFields {
  const root = packageRoot();
  const entry = join(root, '__stackdoc_known_fields__.ts');
  const names = Object.keys(KINDS);
  const text = names.map((kind, i) => `import type { ${KINDS[kind]!.types.name} as T${i} } from '${KINDS[kind]!.types.module}';\nexport type R${i} = T${i};`).join('\n');

  const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === entry || fileExists.call(host, file);
  host.readFile = (file) => (file === entry ? text : readFile.call(host, file));
  host.getSourceFile = (file, language, ...rest) =>
    file === entry ? ts.createSourceFile(file, text, language) : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram([entry], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const nodeModules = join(root, 'node_modules');

  const types: KnownFields['types'] = {};
  const roots: KnownFields['roots'] = {};

  const idOf = (type: ts.Type): string | undefined => {
    const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
    if (!declaration) return undefined;
    const file = relative(nodeModules, declaration.getSourceFile().fileName).replace(/\.d\.ts$/, '');
    return `${file}#${(type.getSymbol() ?? type.aliasSymbol)!.getName()}`;
  };

  /** The type id a field's value descends into, or null when its contents are not checked. */
  const shapeOf = (type: ts.Type): string | null => {
    const present = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
    if (present.length !== 1) return null; // primitives unions (IntOrString) and literal enums
    const only = present[0]!;
    if (checker.isArrayType(only)) return shapeOf(checker.getTypeArguments(only as ts.TypeReference)[0]!);
    if (!(only.flags & ts.TypeFlags.Object)) return null;
    // maps such as labels ({[key: string]: string}) take any key
    if (checker.getIndexInfoOfType(only, ts.IndexKind.String)) return null;
    const properties = checker.getPropertiesOfType(only);
    if (properties.length === 0) return null; // free-form JSON (RawExtension, JSONSchemaProps values)
    const id = idOf(only);
    if (!id) return null;
    if (!(id in types)) {
      const fields: Record<string, string | null> = {};
      types[id] = fields;
      for (const property of properties) {
        fields[property.getName()] = shapeOf(checker.getTypeOfSymbolAtLocation(property, source));
      }
      types[id] = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return id;
  };

  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  names.forEach((kind, i) => {
    const alias = exported.find((symbol) => symbol.getName() === `R${i}`)!;
    const id = shapeOf(checker.getDeclaredTypeOfSymbol(alias));
    if (!id) throw new Error(`${kind}: ${KINDS[kind]!.types.module} ${KINDS[kind]!.types.name} is not an object type`);
    roots[kind] = id;
  });

  const require = createRequire(import.meta.url);
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  const sortedTypes = Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { sources: { 'kubernetes-types': version('kubernetes-types'), 'kubernetes-models': version('kubernetes-models') }, roots, types: sortedTypes };
}

export const KNOWN_FIELDS_FILE = new URL('./known-fields.json', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(KNOWN_FIELDS_FILE, `${JSON.stringify(generateKnownFields(), null, 1)}\n`);
  console.log(`wrote ${KNOWN_FIELDS_FILE.pathname}`);
}
