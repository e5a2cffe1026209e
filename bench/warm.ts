// In one process: the rebuild a watch loop does after an edit to the skeleton, against the warm
// remark round trip of the same skeleton. Prints JSON: {rebuild: ms[], roundtrip: ms[]}.
import { readFileSync } from 'node:fs';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { buildStack, prepareStack } from '../src/build.js';
import { parseSkeleton } from '../src/skeleton/parse.js';
import { decodeSource } from '../src/skeleton/source.js';

const [file, runsArg] = process.argv.slice(2) as [string, string];
const runs = Number(runsArg);
const text = readFileSync(file, 'utf8');
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkStringify).use(remarkFrontmatter, ['yaml']);
const opts = { profilesDir: 'profiles' };
const prepared = prepareStack(parseSkeleton(decodeSource(file, Buffer.from(text))), opts);

const time = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const rebuild: number[] = [];
const roundtrip: number[] = [];
for (let i = -3; i < runs; i++) {
  // Each rebuild sees a different skeleton, as after an edit: one word changes.
  const edited = text.replace('Наилучшим образом', `Наилучшим образом${' '.repeat((i + 3) % 7)}`);
  const a = time(() => buildStack(parseSkeleton(decodeSource(file, Buffer.from(edited))), opts, prepared));
  const b = time(() => String(processor.processSync(edited)));
  if (i >= 0) {
    rebuild.push(a);
    roundtrip.push(b);
  }
}
process.stdout.write(JSON.stringify({ rebuild, roundtrip }));
