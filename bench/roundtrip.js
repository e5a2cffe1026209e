// The peer of `stackdoc build`: a bare unified + remark-parse + remark-frontmatter +
// remark-stringify round trip of the same skeleton, in a fresh process.
import { readFileSync } from 'node:fs';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

const text = readFileSync(process.argv[2], 'utf8');
const out = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkStringify).use(remarkFrontmatter, ['yaml']).processSync(text);
process.stdout.write(`${String(out).length}\n`);
