import { afterEach, describe, expect, test } from 'vitest';
import { parseJsLiteral } from '../../src/verify/gitlab/js-literal.js';
import { loadGitlabSchema } from '../../src/verify/gitlab/schema-source.js';
import { verifyChapter } from '../../src/verify/index.js';
import { chapterOf, removeCopy } from './helpers.js';

describe('the GitLab schema from gitlab-ci-local', () => {
  test('is GitLab CI schema, with the job definitions', async () => {
    const schema = await loadGitlabSchema();
    expect(schema.$id).toBe('https://gitlab.com/.gitlab-ci.yml');
    expect(Object.keys(schema.definitions as object)).toEqual(expect.arrayContaining(['job_template', 'script', '!reference']));
  });

  test('the literal reader takes what minifiers print and nothing that runs', () => {
    const text = 'x={a:!0,b:!1,"c":[1,-2.5e3,null],d:`two\nlines`,e:\'it\\\'s\',"__proto__":{},f:"\\u00e9\\x41"};';
    const { value, end } = parseJsLiteral(text, 2);
    expect(value).toEqual({ a: true, b: false, c: [1, -2500, null], d: 'two\nlines', e: "it's", ['__proto__']: {}, f: 'éA' });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(text[end]).toBe(';');
    expect(() => parseJsLiteral('{a:`${alert(1)}`}', 0)).toThrow(/code, not data/);
    expect(() => parseJsLiteral('{a:f()}', 0)).toThrow(/expected a literal value/);
  });
});

describe('gitlab-ci-schema', () => {
  let dir = '';
  afterEach(() => removeCopy(dir));

  const check = async (ci: string) => {
    dir = chapterOf({ 'stapel/.gitlab-ci.yml': ci });
    return verifyChapter(dir, { only: ['gitlab-ci-schema'] });
  };

  test('follows anchors, extends and !reference to find deploy jobs without an environment', async () => {
    const results = await check(`stages: [build, deploy]
.deploy: &deploy
  stage: deploy
  script:
    - werf deploy --stages-storage :local
  tags: [werf]
Deploy by anchor:
  <<: *deploy
Deploy by extends:
  extends: .deploy
Deploy by reference:
  stage: deploy
  tags: [werf]
  script:
    - !reference [.deploy, script]
Deploy with environment:
  extends: .deploy
  environment: { name: stage, url: http://stage.example.com }
`);
    expect(results.map((r) => [r.status, r.line, r.message])).toEqual([
      ['fail', 7, expect.stringContaining('"Deploy by anchor" runs werf deploy but names no environment')],
      ['fail', 9, expect.stringContaining('"Deploy by extends" runs werf deploy but names no environment')],
      ['fail', 11, expect.stringContaining('"Deploy by reference" runs werf deploy but names no environment')],
    ]);
  });

  test('wants known stages, runner tags on werf jobs, and extends that resolve', async () => {
    const results = await check(`stages: [build, deploy]
Build:
  stage: build
  script: [werf build-and-publish]
Lint:
  stage: lint
  script: [flake8]
Deploy:
  extends: .missing
  script: [echo]
`);
    expect(results.map((r) => [r.line, r.message])).toEqual([
      [2, expect.stringContaining('"Build" runs werf but has no tags')],
      [5, expect.stringContaining('job "Lint": stage "lint" is not one of the stages')],
      [8, expect.stringContaining('extends ".missing", which is not defined')],
      [8, expect.stringContaining('job "Deploy": stage "test" is not one of the stages')],
    ]);
  });

  test('reports schema violations at the offending key', async () => {
    const results = await check('Build:\n  stage: build\n  when: sometimes\n  script: [make]\n');
    expect(results).toEqual([expect.objectContaining({ status: 'fail', line: 3, message: expect.stringContaining('Build.when') })]);
  });
});
