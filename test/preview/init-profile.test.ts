import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, stackdoc } from '../helpers/cli.js';

// A third stack, go/gin, scaffolded next to the shipped profiles in a temp copy (never in
// profiles/): the layers build at once, and everything they must answer is reported unfilled.
const written = join(import.meta.dirname, '../fixtures/init-profile/written');

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stackdoc-init-'));
  for (const part of ['profiles', 'seeds', 'stackdoc.yaml']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

const values0 = (dir: string): string => readFileSync(join(dir, 'profiles/go/values.yaml'), 'utf8');

interface Report {
  filled: Array<{ id: string; layer?: string; how: string }>;
  unfilled: Array<{ id: string; kind: string; text: string; reason: string }>;
  summary: { holes: number; unfilled: number };
}

describe('stackdoc init-profile', () => {
  it('scaffolds go and go/gin; the stack builds with no template error and leaves every hole it must answer unfilled', () => {
    const dir = project();
    const go = stackdoc(['init-profile', 'go', '--kind', 'language'], dir);
    expect(go.stderr).toBe('');
    expect(go.code).toBe(0);
    expect(go.stdout).toMatch(/^profiles\/go: created \d+ files \(stack base → go → gitlab\)\n/);
    const gin = stackdoc(['init-profile', 'go/gin', '--kind', 'framework'], dir);
    expect(gin.code).toBe(0);
    expect(gin.stdout).toContain('next: stackdoc build seeds/werf-guide.ru.md --stack go/gin');

    const build = stackdoc(['build', '--stack', 'go/gin'], dir);
    expect(build.stderr).not.toMatch(/template error|internal error/);
    expect(build.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out/go-gin/report.json'), 'utf8')) as Report;
    // Nothing of the new layers counts as written: what is filled comes from base and gitlab, except
    // the project name the CI layer's templates read at once, and the diagram drawn from the chart.
    expect(values0(dir)).toContain('# Read right away by the templates of gitlab: set to this stack\'s values.\nproject:\n  name: werf-guide-go\n');
    expect(report.filled.filter((f) => (f.layer === 'go' || f.layer === 'go/gin') && f.how !== 'diagram' && f.id !== 'project.name')).toEqual([]);
    expect(report.summary.unfilled).toBeGreaterThan(40);
    // Each brief the new layers hold a note for is listed with its brief and the note's file.
    const noted = report.unfilled.filter((u) => u.reason.includes("holds only the author's note"));
    expect(noted.length).toBeGreaterThan(20);
    for (const u of noted.filter((n) => n.kind === 'brief')) {
      expect(u.text).not.toBe('');
      expect(readFileSync(join(dir, `profiles/go/sections/${u.id}.md`), 'utf8')).toContain(`stackdoc: to write: ${u.text.replace(/\s+/g, ' ').trim().slice(0, 30)}`);
    }

    // values.yaml names every slot and value id the skeleton uses, with the skeleton's text.
    const scan = (JSON.parse(stackdoc(['scan', 'seeds/werf-guide.ru.md', '--format', 'json'], dir).stdout) as { holes: Array<{ id: string; kind: string; line: number }> }).holes;
    const values = readFileSync(join(dir, 'profiles/go/values.yaml'), 'utf8');
    for (const hole of scan.filter((h) => (h.kind === 'slot' || h.kind === 'value') && !/^(example|diagram)\./.test(h.id))) {
      const key = hole.id.startsWith('snippet.') ? hole.id.slice('snippet.'.length) : hole.id.split('.').slice(1).join('.');
      expect(values).toMatch(new RegExp(`^#   ${key.replace(/\./g, '\\.')}:   # «`, 'm'));
    }
    expect(readFileSync(join(dir, 'profiles/go/deny.yaml'), 'utf8')).toMatch(/words:\n(  - .+\n)+/);
    for (const word of ['"flask"', '"python"', '"node"', '"npm"', '"pip"']) expect(readFileSync(join(dir, 'profiles/go/deny.yaml'), 'utf8').toLowerCase()).toContain(word);

    // check lists exactly the unfilled holes, chapter by chapter.
    const check = JSON.parse(stackdoc(['check', 'seeds/werf-guide.ru.md', '--stack', 'go/gin', '--format', 'json'], dir).stdout) as Array<{ rule: string; key: string }>;
    const unfilledIds = new Set(report.unfilled.filter((u) => u.kind !== 'todo').map((u) => u.id));
    expect(new Set(check.filter((f) => f.rule === 'unfilled-hole').map((f) => f.key))).toEqual(unfilledIds);

    // Writing a section fills its hole from the new layer.
    cpSync(written, join(dir, 'profiles/go/gin'), { recursive: true });
    expect(stackdoc(['build', '--stack', 'go/gin'], dir).code).toBe(0);
    const after = JSON.parse(readFileSync(join(dir, 'out/go-gin/report.json'), 'utf8')) as Report;
    expect(after.filled.find((f) => f.id === 'hello.process')).toMatchObject({ how: 'section', layer: 'go/gin' });
  });

  it('never overwrites: an existing layer is refused, --force adds only what is missing and lists it', () => {
    const dir = project();
    expect(stackdoc(['init-profile', 'go', '--kind', 'language'], dir).code).toBe(0);
    const again = stackdoc(['init-profile', 'go', '--kind', 'language'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('stackdoc: layer go exists (profiles/go); nothing is overwritten: pass --force to add only the files it lacks\n');

    const mine = join(dir, 'profiles/go/sections/hello.process.md');
    writeFileSync(mine, 'Мой текст.\n');
    rmSync(join(dir, 'profiles/go/sections/hello.source.md'));
    rmSync(join(dir, 'profiles/go/deny.yaml'));
    const force = stackdoc(['init-profile', 'go', '--kind', 'language', '--force'], dir);
    expect(force.code).toBe(0);
    expect(force.stdout).toContain('profiles/go: added 2 files');
    expect(force.stdout).toContain('  added profiles/go/deny.yaml\n  added profiles/go/sections/hello.source.md\n');
    expect(readFileSync(mine, 'utf8')).toBe('Мой текст.\n');
    expect(existsSync(join(dir, 'profiles/go/deny.yaml'))).toBe(true);
    expect(stackdoc(['init-profile', 'go', '--kind', 'language', '--force'], dir).stdout).toBe('profiles/go: nothing missing, nothing added\n');
  });

  it('says what is wrong with its arguments', () => {
    const dir = project();
    const kind = stackdoc(['init-profile', 'go', '--kind', 'compiler'], dir);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toBe('stackdoc: --kind compiler: one of language, framework, package_manager, unit_tests, assets_generator, ci\n');
    const parent = stackdoc(['init-profile', 'rust/axum', '--kind', 'framework'], dir);
    expect(parent.code).toBe(2);
    expect(parent.stderr).toContain('no layer rust under profiles/; create it first (stackdoc init-profile rust --kind …)');
  });
});
