import { existsSync, readFileSync } from 'node:fs';
import { withLineEnding } from '../../skeleton/source.js';
import type { Finding, Rule } from '../types.js';

/**
 * `snippet-in-sync`: every code block the article shows from an example file equals that file's
 * region now. The build always cuts them fresh; this catches drift in what is published: an
 * example file or the article in the output folder edited by hand.
 */
export const snippetInSync: Rule = {
  id: 'snippet-in-sync',
  doc: 'Every code block in the article that comes from an example file equals that file’s region now.',
  severity: 'error',
  run({ skeleton, build, outDir }) {
    if (build === undefined) return [];
    const findings: Finding[] = [];
    const root = `${outDir}/${build.profile.stack.slug}`;
    const articlePath = `${root}/article.md`;
    // Compared line by line, whatever the line endings: a CRLF skeleton's article shows an LF
    // example file's region in CRLF (build.ts).
    const article = existsSync(articlePath) ? withLineEnding(readFileSync(articlePath, 'utf8'), '\n') : undefined;
    for (const [hole, r] of build.resolutions) {
      if (r.how !== 'snippet') continue;
      const ref = String((build.profile.values.snippets as Record<string, string>)[hole.id.slice('snippet.'.length)]);
      const [file, region] = ref.split('#') as [string, string];
      const emitted = `${root}/examples/${file}`;
      const base = { rule: this.id, severity: this.severity, file: skeleton.source.path, line: hole.line, column: hole.column, key: hole.id };
      const shown = withLineEnding(r.text, '\n');
      if (!existsSync(emitted) || !withLineEnding(readFileSync(emitted, 'utf8'), '\n').includes(shown)) {
        findings.push({ ...base, message: `snippet ${hole.id} (${file}#${region}) differs from ${emitted}; rebuild with \`stackdoc build\`` });
      } else if (article !== undefined && !article.includes(shown)) {
        findings.push({ ...base, message: `the code block of ${hole.id} in ${articlePath} differs from ${file}#${region}; rebuild with \`stackdoc build\`` });
      }
    }
    return findings;
  },
};
