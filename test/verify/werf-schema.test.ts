import { afterEach, describe, expect, test } from 'vitest';
import { verifyChapter } from '../../src/verify/index.js';
import { chapterOf, removeCopy } from './helpers.js';

const META = 'project: demo\nconfigVersion: 1\n---\n';

describe('werf-schema', () => {
  let dir = '';
  afterEach(() => removeCopy(dir));

  /** Runs werf-schema on a chapter with only stapel/, which must also report dockerfile/ missing. */
  const check = async (werf: string, extra: Record<string, string> = {}) => {
    dir = chapterOf({ 'stapel/werf.yaml': werf, 'stapel/requirements.txt': '', ...extra });
    const results = await verifyChapter(dir, { only: ['werf-schema'] });
    expect(results.filter((r) => r.variant === 'dockerfile')).toEqual([
      expect.objectContaining({ status: 'fail', file: 'dockerfile/', message: 'dockerfile/ is missing: every chapter ships a Stapel and a Dockerfile build' }),
    ]);
    return results.filter((r) => r.variant === 'stapel');
  };

  test('names a mistyped directive, its line, and what was meant', async () => {
    const results = await check(`${META}image: app\nfrom: python:3.11\nshell:\n  instal:\n  - pip install -r requirements.txt\n`);
    expect(results).toEqual([expect.objectContaining({ status: 'fail', file: 'stapel/werf.yaml', line: 7, message: 'shell: unknown key "instal" (did you mean "install"?)' })]);
  });

  test('rejects a top-level typo such as imagee', async () => {
    const results = await check(`${META}imagee: app\nfrom: python:3.11\n`);
    expect(results.map((r) => r.message)).toEqual(['document 2 is none of project (meta), image or artifact']);
  });

  test('checks meaning: unique names, pinned bases, references, paths on disk', async () => {
    const results = await check(`${META}image: app
from: python:latest
git:
- add: /
  to: /app
  stageDependencies:
    install: [requirement.txt, /abs.txt, "*.lock"]
import:
- artifact: assets
  add: /out
  after: install
---
image: app
fromLatest: true
`);
    expect(results.map((r) => [r.line, r.message])).toEqual([
      [5, 'from "python:latest" uses the moving tag latest; pin a version'],
      [10, 'stageDependencies.install "requirement.txt" does not exist under add "/"'],
      [10, 'stageDependencies.install "/abs.txt" is absolute; stageDependencies are relative to add "/"'],
      [12, 'import from "assets", which werf.yaml does not define'],
      [16, 'image name "app" is used twice'],
      [17, 'fromLatest makes every build pull whatever the tag points to now; remove it and pin from'],
    ]);
  });

  test('the dockerfile variant must build from a Dockerfile that exists', async () => {
    dir = chapterOf({ 'dockerfile/werf.yaml': `${META}image: app\ndockerfile: docker/Dockerfile\n` });
    const results = (await verifyChapter(dir, { only: ['werf-schema'] })).filter((r) => r.variant === 'dockerfile');
    expect(results).toEqual([expect.objectContaining({ variant: 'dockerfile', status: 'fail', line: 5, message: 'dockerfile "docker/Dockerfile" does not exist' })]);
  });

  test('renders werf.yaml as werf 1.1 does (Go template: env, .Files.Get, include of .werf partials) before checking it', async () => {
    const partial = '{{ define "base.tmpl" }}from: {{ env "BASE_IMAGE" | default "python:3.11" }}{{ end }}';
    const werf = `${META}image: app\n{{ include "base.tmpl" . }}\nshell:\n  install:\n  - echo {{ .Files.Get "requirements.txt" | b64enc | quote }}\n`;
    const results = await check(werf, { 'stapel/.werf/base.tmpl': partial, 'stapel/requirements.txt': 'flask\n' });
    expect(results).toEqual([expect.objectContaining({ status: 'pass', message: expect.stringContaining('rendered as a Go template; env read: BASE_IMAGE') })]);
    // a file .Files.Get cannot find stops werf, at the line that reads it
    const missing = await check(`${META}image: app\nfrom: python:3.11\nshell:\n  install:\n  - echo {{ .Files.Get "nginx.cnf" }}\n`);
    expect(missing).toEqual([expect.objectContaining({ status: 'fail', line: 8, message: expect.stringContaining('{{ .Files.Get "nginx.cnf" }}: no such file in the project') })]);
    // what the template renders must still be a valid config: the schema runs on the result
    const typo = await check(`${META}image: app\nfrom: python:3.11\n{{ "shel" }}:\n  install: []\n`);
    expect(typo.map((r) => r.message)).toEqual([expect.stringContaining('unknown key "shel"')]);
  });

  test('reports YAML errors with their line', async () => {
    expect(await check(`${META}image: app\nfrom: [python\n`)).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('not valid YAML') })]);
  });
});
