// A bare remark parse of one file in a fresh process: the floor any Markdown-reading scan stands on.
import { readFileSync } from 'node:fs';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

unified().use(remarkParse).parse(readFileSync(process.argv[2], 'utf8'));
