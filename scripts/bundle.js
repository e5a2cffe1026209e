// Bundles the CLI and its libraries into dist/ with code splitting: each command's modules load
// only when it runs, so `stackdoc scan` never pays for Liquid, ajv or the example checks, and
// a start-up reads a few large files instead of hundreds of small ones. The example checks'
// heavy libraries stay in node_modules: only `test-examples` loads them.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['gitlab-ci-local', 'kubernetes-models', '@kubernetes-models/*', 'dockerfile-utils', 'dockerfile-ast', 'vscode-languageserver-types'],
  // jsonc-parser's `main` is a UMD build whose require('./impl/…') calls esbuild cannot follow;
  // its ESM build (the package's `module` field) bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS libraries inside an ESM bundle need a real `require` for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
