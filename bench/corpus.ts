// In one process: `scan` of every file of the third-party corpus (test/fixtures/corpus), against
// a bare remark parse (unified + remark-parse) of the same files. Alternating rounds, so drift on
// a shared machine hits both alike. Prints JSON: {scan: ms[], remark: ms[], files, bytes, openers}.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseSkeleton } from '../src/skeleton/parse.js';
import { decodeSource } from '../src/skeleton/source.js';

const root = 'test/fixtures/corpus';
const runs = Number(process.argv[2] ?? 7);
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.mdx?$/.test(f) && f !== 'SOURCES.md')
  .sort()
  .map((f) => ({ name: f, bytes: readFileSync(join(root, f)) }));
const remark = unified().use(remarkParse).freeze();

const time = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const scan: number[] = [];
const bare: number[] = [];
for (let i = -2; i < runs; i++) {
  const a = time(() => {
    for (const f of files) parseSkeleton(decodeSource(f.name, f.bytes), { auto: true });
  });
  const b = time(() => {
    for (const f of files) remark.parse(decodeSource(f.name, f.bytes).text);
  });
  if (i >= 0) {
    scan.push(a);
    bare.push(b);
  }
}
const text = files.map((f) => f.bytes.toString('utf8')).join('');
console.log(JSON.stringify({ scan, remark: bare, files: files.length, bytes: text.length, openers: (text.match(/\{\{|<</g) ?? []).length }));
