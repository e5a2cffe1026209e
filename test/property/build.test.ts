import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildStack } from '../../src/build.js';
import { parseSkeleton } from '../../src/skeleton/parse.js';
import { decodeSource } from '../../src/skeleton/source.js';
import { UserError } from '../../src/util/errors.js';
import { containsInOrder, keptByBuild } from '../helpers/outside.js';
import { params, TIMEOUT, skeletonText } from './skeleton-arbitraries.js';

/**
 * Builds of generated skeletons with small generated profiles: a `lang` layer whose values and
 * sections answer some of the holes (with awkward text: line breaks, `>>`, quotes, Liquid, Go
 * actions), the rest left unfilled. A build either succeeds or stops with a placed UserError,
 * and every byte of the skeleton outside its holes (and its front-matter and authoring blocks,
 * which the build rewrites or leaves out) is in the article, in order.
 */
const prose = ['Flask', 'сборка', 'образ', '\n', '\n\n', '\r\n', ' >> ', '"', "'", '{{ .Values.x }}', '{% raw %}', '# ', '- ', '`', '\\', ':'];
/** Section text, and value text (which may hold `<<` too: values are not templates). */
const text = fc.array(fc.constantFrom(...prose), { maxLength: 8 }).map((p) => p.join(''));
const valueText = fc.array(fc.constantFrom(...prose, '<<', '<<a>>'), { minLength: 1, maxLength: 8 }).map((p) => p.join('')).filter((t) => t.trim() !== '');
const liquid = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: text },
      { weight: 6, arbitrary: fc.constantFrom('<< framework.name >>', '<< language.name | upcase >>', '<% if app.port %>порт << app.port >><% endif %>') },
      // Broken Liquid: an undefined variable, a tag without its condition, a stray delimiter.
      { weight: 1, arbitrary: fc.constantFrom('<< nothing.here >>', '<% if %>', '<<') },
    ),
    { maxLength: 5 },
  )
  .map((p) => p.join(''));

/** Holes with ids a profile can answer, mixed into the generated skeletons. */
const answerable = fc.constantFrom(
  '<<framework.name>>', '<<language.name>>', '<<app.port>>', '<<intro.audience: для кого>>', '<<deploy.command: Про command>>',
  '<<a: TODO>>', '{{Frameworkname}}', '{{Python}}', '<<x.y-z: текст>>', '<<example.010-hello>>', '<<snippet.meta>>',
  '\n<!-- stackdoc:authoring -->\nЗаметка автору <<a: TODO>>\n<!-- /stackdoc:authoring -->\n',
);
const skeleton = fc.tuple(skeletonText, fc.array(fc.tuple(fc.nat(), answerable), { maxLength: 6 })).map(([t, inserts]) => {
  let out = t;
  for (const [at, piece] of inserts) {
    // After the front-matter, at a generated place.
    const from = out.startsWith('---\n') ? Math.max(out.indexOf('\n---\n', 4) + 5, 4) : 0;
    const cut = from + (out.length > from ? at % (out.length - from + 1) : 0);
    out = out.slice(0, cut) + piece + out.slice(cut);
  }
  return out;
});

const profile = fc.record({
  framework: valueText,
  language: valueText,
  port: fc.integer({ min: 1, max: 65535 }),
  audience: fc.option(valueText, { nil: undefined }),
  sections: fc.dictionary(fc.constantFrom('deploy.command', 'a', 'x.y-z', 'intro.audience'), liquid, { maxKeys: 4 }),
});

type ProfileSpec = typeof profile extends fc.Arbitrary<infer T> ? T : never;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function writeProfile(p: ProfileSpec): string {
  const dir = mkdtempSync(join(tmpdir(), 'stackdoc-prop-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'base'));
  writeFileSync(join(dir, 'base/layer.yaml'), 'kind: base\n');
  mkdirSync(join(dir, 'lang/sections'), { recursive: true });
  writeFileSync(join(dir, 'lang/layer.yaml'), 'kind: language\n');
  const values = [`framework:\n  name: ${JSON.stringify(p.framework)}`, `language:\n  name: ${JSON.stringify(p.language)}`, `app:\n  port: ${p.port}`];
  if (p.audience !== undefined) values.push(`intro:\n  audience: ${JSON.stringify(p.audience)}`);
  writeFileSync(join(dir, 'lang/values.yaml'), `${values.join('\n')}\n`);
  for (const [id, body] of Object.entries(p.sections)) writeFileSync(join(dir, `lang/sections/${id}.md`), body);
  return dir;
}

describe('build on generated skeletons and profiles', () => {
  it('never throws anything but a placed UserError, and keeps every byte outside the holes', () => {
    const outcomes = { built: 0, refused: 0 };
    fc.assert(
      fc.property(skeleton, profile, (source, p) => {
        let parsed;
        try {
          parsed = parseSkeleton(decodeSource('fuzz.md', Buffer.from(source)));
        } catch (error) {
          if (error instanceof UserError) return;
          throw error;
        }
        const profilesDir = writeProfile(p);
        try {
          const result = buildStack(parsed, { profilesDir, stack: 'lang' });
          const { parts, body } = keptByBuild(parsed, result);
          expect(containsInOrder(body, parts)).toBeUndefined();
          outcomes.built++;
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          expect(error.format()).toMatch(/\S/);
          outcomes.refused++;
        } finally {
          rmSync(profilesDir, { recursive: true, force: true });
        }
      }),
      params(150),
    );
    // Most cases must build, or the property says little about the article.
    expect(outcomes.built, JSON.stringify(outcomes)).toBeGreaterThan(outcomes.refused);
  }, TIMEOUT);
});
