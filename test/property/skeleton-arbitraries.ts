import fc from 'fast-check';

/**
 * Generated skeletons: Markdown made of the pieces that trip a hole finder — headings (numbered
 * ones too), prose in two scripts, legacy and canonical holes with awkward text (`>`, `>>`, `<<`,
 * backslashes, braces, line breaks), Go/Liquid/Hugo/Mustache/Actions syntax, heredocs, code
 * fences, block quotes, lists, TODOs and a front-matter that may or may not be YAML.
 */
const word = fc.constantFrom('chat', 'Flask', 'deploy', 'werf', 'образ', 'сборка', 'если есть компиляция', 'TODO', 'x', '1.2', 'EOF', 'Entity', 'framework', 'тыры пыры', 'lockfiles');
const awkward = fc.constantFrom('>', '>>', '<<', '<', '\\', '\\>', '{', '}', ':', '|', '$', '.', '\n', '`', ' ', '"', "'", '*', '#', '-', '<<a>>', '<<a: b>>', '{{', '}}', '```\n', '>>>', '<<<', 'cat <<< "$x"', '\r\n');
const innerText = fc.array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: awkward }), { minLength: 0, maxLength: 8 }).map((parts) => parts.join(' ').replace(/ +/g, (m) => (m.length > 1 ? ' ' : m)));

const id = fc.constantFrom('framework.name', 'a', 'deploy.command', '1-vvedenie.x', 'app_port', 'x.y-z');

const piece: fc.Arbitrary<string> = fc.oneof(
  word,
  awkward,
  innerText.map((t) => `{{${t}}}`),
  innerText.map((t) => `{{ ${t} }}`),
  id.map((i) => `<<${i}>>`),
  fc.tuple(id, innerText).map(([i, t]) => `<<${i}: ${t}>>`),
  fc.constantFrom(
    '{{ .Values.x }}', '{{- include "a" . }}', '{{ add 3 2 1 }}', '{{ true }}', '{{ (index $.Values.p 0).value }}',
    '{{ site.docsurl }}', '{{ page.title | escape }}', '{{< details >}}', '{{% note %}}', '{{#person}}', '{{/person}}',
    '{{{name}}}', '${{ secrets.KUBE }}', '{{ a >> b }}', 'cat <<EOF >> ~/.bashrc', 'class User <<Entity>>', '<<: *base',
    '1<<2>>1', '{{ tuple "<<image.name>>" . | include "x" }}',
  ),
  fc.constantFrom('\n', '\n\n', '\n# ', '\n## 4.4.1 / 2025-01-29 ', '\n# 1. Введение ', '\n> ', '\n- ', '\n1. ', '\n```yaml\n', '\n```\n', '\n    ', '\n| a | b |\n| - | - |\n| ', '\nTODO: '),
);

const body = fc.array(piece, { minLength: 0, maxLength: 24 }).map((parts) => parts.join(''));

const frontMatter = fc.constantFrom('', '---\nlanguage: python\nframework: flask\nis_compiled: 0\n---\n', '---\ntitle: "{{Article title}}"\n---\n', '---\nFoo\n---\n', '---\ntitle: x\n...\n', '---\na: [b\n---\n');

export const skeletonText: fc.Arbitrary<string> = fc.tuple(frontMatter, body).map(([fm, b]) => fm + b);

/** Cases per property: `STACKDOC_FUZZ_RUNS` (npm run fuzz sets 100,000), or the given default. */
export function runs(defaultRuns: number): number {
  const n = Number(process.env.STACKDOC_FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? n : defaultRuns;
}

/**
 * fast-check's options for every property: the case count, and a seed to replay from
 * `STACKDOC_FUZZ_SEED` (a failure's message names its seed and path).
 */
export function params(defaultRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env.STACKDOC_FUZZ_SEED);
  if (Number.isFinite(seed) && process.env.STACKDOC_FUZZ_SEED) return { numRuns: runs(defaultRuns), seed };
  // `npm test` replays one fixed seed so that its result does not change from run to run;
  // `npm run fuzz` (STACKDOC_FUZZ_RUNS set) explores new seeds.
  return { numRuns: runs(defaultRuns), ...(process.env.STACKDOC_FUZZ_RUNS ? {} : { seed: 20261124 }) };
}

/** A property's time limit: generous, since `npm run fuzz` runs ten times the cases. */
export const TIMEOUT = 30 * 60_000;
