import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawChapterDiagram } from '../../src/diagram/draw.js';
import { CHECK_NAMES, writeStamp } from '../../src/verify/index.js';
import { stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';
import { expectGolden } from '../helpers/golden.js';

// test/fixtures/check/<rule>/<case>/: overlay/ on top of the basic build fixture, case.json
// (the rule, and whether to build, stamp, hand-edit or delete part of the output first) and expected.json (that
// rule's findings, reviewed). Every rule has a case that fails and one that passes.
const basic = join(import.meta.dirname, '../fixtures/build/basic');
const root = join(import.meta.dirname, '../fixtures/check');

interface Case {
  rule: string;
  setup?: { build?: boolean; stamp?: boolean; diagram?: boolean; edit?: { file: string; find: string; replace: string }; remove?: string };
}

const args = ['skeleton.md', '--profiles', 'profiles', '--out', 'out'];

describe('check rules', () => {
  for (const rule of readdirSync(root).sort()) {
    for (const name of readdirSync(join(root, rule)).sort()) {
      it(`${rule}: ${name}`, async () => {
        const dir = join(root, rule, name);
        const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
        const work = copyFixture(basic, join(dir, 'overlay'));
        if (meta.setup?.build) expect(stackdoc(['build', ...args], work).code).toBe(0);
        if (meta.setup?.stamp) {
          // The rule reads stamps; which checks passed is test-examples' business (tested in test/verify).
          const chapterDir = join(work, 'out/lang-fw/examples/010-hello');
          await writeStamp(chapterDir, CHECK_NAMES.map((check) => ({ chapterDir, variant: 'both' as const, check, status: 'pass' as const, message: 'fixture' })));
        }
        if (meta.setup?.diagram) {
          const drawn = await drawChapterDiagram(join(work, 'out/lang-fw/examples/010-hello'));
          expect(drawn.status).toBe('drawn');
        }
        if (meta.setup?.edit) {
          const file = join(work, meta.setup.edit.file);
          writeFileSync(file, readFileSync(file, 'utf8').replace(meta.setup.edit.find, meta.setup.edit.replace));
        }
        if (meta.setup?.remove) rmSync(join(work, meta.setup.remove), { recursive: true });
        const { stdout, stderr, code } = stackdoc(['check', ...args, '--format', 'json'], work);
        expect(stderr).not.toMatch(/\n\s+at /);
        expect([0, 1]).toContain(code);
        const findings = (JSON.parse(stdout) as Array<Record<string, unknown>>)
          .filter((f) => f.rule === meta.rule)
          .map(({ line, key, message, severity, silenced }) => ({ line, key, severity, message, ...(silenced ? { silenced } : {}) }));
        if (name === 'pass') expect(findings).toEqual([]);
        else expect(findings.length).toBeGreaterThan(0);
        expectGolden(join(dir, 'expected.json'), findings);
      });
    }
  }
});
