import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

// Authoring-only blocks (src/fill/authoring.ts): the basic build fixture with a skeleton that has
// one, built and checked as a user would.
const basic = join(import.meta.dirname, '../fixtures/build/basic');
const overlay = join(import.meta.dirname, '../fixtures/authoring');
const args = ['skeleton.md', '--profiles', 'profiles', '--out', 'out'];

function withSkeleton(edit: (text: string) => string): string {
  const dir = copyFixture(basic, overlay);
  const file = join(dir, 'skeleton.md');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

describe('authoring blocks', () => {
  it('leave the article, with their holes, and the report says which lines went', () => {
    const dir = copyFixture(basic, overlay);
    expect(stackdoc(['build', ...args], dir).code).toBe(0);
    const article = readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8');
    expect(article).not.toContain('Checklist for the authors');
    expect(article).not.toContain('authors.note');
    expect(article).not.toContain('TODO');
    // One blank line stands where the block was; the marker shown in a code block stays.
    expect(article).toContain('---\n\n# Hello\n');
    expect(article).toContain('```markdown\n<!-- stackdoc:authoring -->\nThis fence shows the marker');
    const report = JSON.parse(readFileSync(join(dir, 'out/lang-fw/report.json'), 'utf8'));
    expect(report.authoring).toEqual([{ line: 8, endLine: 13, holes: ['authors.note', 'checklist-for-the-authors.ask-the-editor-about-the-title'] }]);
    expect(report.unfilled.map((u: { id: string }) => u.id)).not.toContain('authors.note');
    expect(report.filled).toContainEqual(expect.objectContaining({ id: 'authors.note', how: 'removed', reason: expect.stringContaining('authoring block of lines 8–13') }));
  });

  it('are read by check, which reports nothing the reader will not see', () => {
    const dir = copyFixture(basic, overlay);
    const findings = JSON.parse(stackdoc(['check', ...args, '--format', 'json'], dir).stdout) as Array<{ rule: string; line: number }>;
    expect(findings.filter((f) => f.line >= 8 && f.line <= 13)).toEqual([]);
    // Without the markers the same lines are findings: the rules do read them.
    const bare = withSkeleton((t) => t.replace(/<!-- \/?stackdoc:authoring -->\n(?=#|$)/gm, '').replace('<!-- /stackdoc:authoring -->\n', ''));
    const again = JSON.parse(stackdoc(['check', ...args, '--format', 'json'], bare).stdout) as Array<{ rule: string; key: string }>;
    expect(again.map((f) => `${f.rule} ${f.key}`)).toEqual(expect.arrayContaining(['unfilled-hole authors.note', 'todo checklist-for-the-authors.ask-the-editor-about-the-title']));
  });

  const broken: Array<[string, (t: string) => string, RegExp]> = [
    ['unclosed', (t) => t.replace('<!-- /stackdoc:authoring -->\n', ''), /stackdoc: skeleton\.md:8:1: authoring block is never closed; put <!-- \/stackdoc:authoring --> on its own line/m],
    ['nested', (t) => t.replace('2.  TODO', '<!-- stackdoc:authoring -->\n2.  TODO'), /stackdoc: skeleton\.md:12:1: authoring blocks do not nest: the block opened at 8:1 is still open/m],
    ['closed twice', (t) => t.replace('# Hello', '<!-- /stackdoc:authoring -->\n# Hello'), /stackdoc: skeleton\.md:15:1: <!-- \/stackdoc:authoring --> closes no block/m],
    ['inline', (t) => t.replace('<!-- stackdoc:authoring -->\n#', 'Notes: <!-- stackdoc:authoring -->\n#'), /stackdoc: skeleton\.md:8:8: an authoring marker must stand on a line of its own/m],
    ['crossed by a hole', (t) => t.replace('<<example.010-hello>>', '<<x.y: a brief\n<!-- stackdoc:authoring -->\nthat runs on>>\n<!-- /stackdoc:authoring -->'), /stackdoc: skeleton\.md:\d+:1: hole x\.y crosses the authoring block of lines/m],
  ];
  for (const [name, edit, message] of broken) {
    it(`report a marker ${name} at its place, for build and check alike (exit 2)`, () => {
      const dir = withSkeleton(edit);
      for (const command of ['build', 'check']) {
        const r = stackdoc([command, ...args], dir);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    });
  }
});
