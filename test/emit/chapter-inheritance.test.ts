import { describe, expect, test } from 'vitest';
import { addValues, planChapters } from '../../src/emit/chapter-inheritance.js';
import type { ExampleSource, Profile, Values } from '../../src/profile/types.js';
import { UserError } from '../../src/util/errors.js';

/** A profile with just what chapter planning reads: values, example sources, provenance. */
function profile(values: Values, files: [chapter: string, variant: ExampleSource['variant'], path: string][]): Profile {
  const examples = files.map(([chapter, variant, path]) => ({ chapter, variant, path, file: `profiles/base/examples/${chapter}/${variant}/${path}`, layer: 'base' }));
  const provenance = new Map([['chapters.030-assets.extends', [{ layer: 'base', file: 'profiles/base/values.yaml', line: 7, column: 14 }]]]);
  return { stack: { slug: 's', layers: [], profilesDir: 'profiles' }, values, provenance, sections: new Map(), examples, deny: [], layers: [] } as Profile;
}

const own = (files: Map<string, ExampleSource[]> | undefined, path: string) => files?.get(path)?.map((s) => `${s.chapter}/${s.variant}`);

describe('chapter inheritance', () => {
  test('a chapter starts from its parent, lays its own files over it, and keeps the chain for << inherited >>', () => {
    const plans = planChapters(
      profile({ chapters: { '030-assets': { extends: '020-dependencies', adds: { services: ['nginx'] } } }, services: [] }, [
        ['020-dependencies', 'common', 'app.py'],
        ['020-dependencies', 'stapel', 'werf.yaml'],
        ['020-dependencies', 'dockerfile', 'Dockerfile'],
        ['030-assets', 'common', 'nginx.conf'],
        ['030-assets', 'stapel', 'werf.yaml'],
      ]),
    );
    const assets = plans.get('030-assets')!;
    expect(assets.parent).toBe('020-dependencies');
    expect([...assets.files.get('stapel')!.keys()]).toEqual(['app.py', 'nginx.conf', 'werf.yaml']);
    expect([...assets.files.get('dockerfile')!.keys()]).toEqual(['Dockerfile', 'app.py', 'nginx.conf']);
    // own version first, then the parent's: what << inherited >> renders
    expect(own(assets.files.get('stapel'), 'werf.yaml')).toEqual(['030-assets/stapel', '020-dependencies/stapel']);
    expect(own(assets.files.get('stapel'), 'app.py')).toEqual(['020-dependencies/common']);
    expect(assets.values.services).toEqual(['nginx']);
    expect(plans.get('020-dependencies')!.values.services).toEqual([]);
    expect(assets.valuesKey).toBe('030-assets');
  });

  test('what a chapter adds: lists append, maps merge, scalars replace', () => {
    const base = { app: { env: [{ name: 'A' }], port: 1 }, services: ['assets'] };
    expect(addValues(base, { app: { env: [{ name: 'B' }], port: 2 }, services: ['s3'] })).toEqual({ app: { env: [{ name: 'A' }, { name: 'B' }], port: 2 }, services: ['assets', 's3'] });
    expect(base.app.env).toEqual([{ name: 'A' }]); // the parent's values are not changed
  });

  test('extending a chapter with no files, or a cycle, is an error at the declaration', () => {
    const missing = () => planChapters(profile({ chapters: { '030-assets': { extends: '025-nothing' } } }, [['030-assets', 'common', 'a']]));
    expect(missing).toThrow(UserError);
    expect(missing).toThrow(/extends 025-nothing, which has no example files/);
    try {
      missing();
    } catch (error) {
      expect((error as UserError).format()).toMatch(/^profiles\/base\/values\.yaml:7:14: /);
    }
    const cycle = () =>
      planChapters(profile({ chapters: { '030-assets': { extends: '040-files' }, '040-files': { extends: '030-assets' } } }, [['030-assets', 'common', 'a'], ['040-files', 'common', 'b']]));
    expect(cycle).toThrow(/extends itself/);
  });
});
