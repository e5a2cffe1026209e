import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStack } from '../../src/build.js';
import { markHoles } from '../../src/preview/marks.js';
import { alignText } from '../../src/preview/annotate.js';
import { loadSkeleton } from '../../src/skeleton/load.js';
import { ROOT } from '../helpers/cli.js';

describe('preview marks', () => {
  it('place every hole of the shipped skeleton on exactly the bytes the build spliced in', async () => {
    const skeleton = await loadSkeleton(join(ROOT, 'seeds/werf-guide.ru.md'));
    for (const stack of [undefined, 'node/npm']) {
      const build = buildStack(skeleton, { profilesDir: join(ROOT, 'profiles'), stack });
      const { text, marks } = markHoles(skeleton, build.resolutions, build.authoring);
      // Past the front-matter (which the build restates) the marked text is the article, byte for byte.
      const body = text.slice(text.indexOf('\n---', 4) + 4);
      expect(body.length).toBeGreaterThan(10_000);
      expect(build.article.endsWith(body)).toBe(true);
      expect(marks.length).toBeGreaterThan(50);
      for (const mark of marks) {
        const r = mark.resolution;
        const shown = text.slice(mark.start, mark.end);
        if (r.how === 'unfilled') expect(shown).toMatch(mark.hole.syntax === 'bare' ? /TODO/ : /^<<[\s\S]*>>$/);
        else if (r.how !== 'removed') expect(shown).toBe(r.text);
      }
      for (let i = 1; i < marks.length; i++) expect(marks[i]!.start).toBeGreaterThanOrEqual(marks[i - 1]!.end);
    }
  });

  it('maps text back to source offsets past escapes and code fences', () => {
    const source = 'a \\*b\\* c\n```yaml\n  key: 1\n```\n';
    expect(alignText('a *b* c', source, { start: 0, end: 9 }, false)).toEqual([0, 1, 3, 4, 6, 7, 8]);
    const code = alignText('  key: 1\n', source, { start: 10, end: source.length - 1 }, true)!;
    expect(source.slice(code[0]!, code[0]! + 8)).toBe('  key: 1');
    expect(alignText('zzz', source, { start: 0, end: 9 }, false)).toBeUndefined();
  });
});
