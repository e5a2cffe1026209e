import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAjv } from '../../src/verify/ajv.js';
import { loadGitlabSchema } from '../../src/verify/gitlab/schema-source.js';
import { resolveJobs } from '../../src/verify/gitlab/jobs.js';
import { ROOT } from '../helpers/cli.js';

/** The GitLab CI template stackdoc ships for articles repositories. */
const TEMPLATE = join(ROOT, 'ci/gitlab/stackdoc.gitlab-ci.yml');
const text = readFileSync(TEMPLATE, 'utf8');

type Job = Record<string, unknown> & { script?: string[]; before_script?: string[]; stage?: string; parallel?: unknown; needs?: string[] };

let validate: ValidateFunction;
beforeAll(async () => {
  // GitLab's own CI schema, as the gitlab-ci-schema check reads it (gitlab-ci-local's bundled copy)
  validate = (await createAjv()).compile(await loadGitlabSchema());
});

function jobs(data: Record<string, unknown>): Map<string, Job> {
  const { jobs: list, problems } = resolveJobs(data);
  expect(problems).toEqual([]);
  return new Map(list.filter((j) => !j.hidden).map((j) => [j.name, j.body as Job]));
}

describe('ci/gitlab/stackdoc.gitlab-ci.yml', () => {
  const data = parse(text) as Record<string, unknown>;

  it("is valid against GitLab's CI schema", () => {
    expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema catches a broken copy (so the test above can fail)', () => {
    const broken = parse(text.replace('parallel: 4', 'parallel: four').replace('expire_in: 1 week', 'expire_in: [1, week]')) as Record<string, unknown>;
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/test-examples/parallel']));
  });

  it('builds once, then tests and checks in parallel shards, then merges the reports in the merge request', () => {
    const all = jobs(data);
    const stages = data.stages as string[];
    expect([...all.keys()].sort()).toEqual(['build', 'check', 'check-report', 'test-examples']);
    for (const [name, job] of all) expect(stages, name).toContain(job.stage);

    const build = all.get('build')!;
    expect(build.parallel).toBeUndefined();
    expect(build.script).toContain('npx stackdoc build');
    expect((build.artifacts as { paths: string[] }).paths).toEqual(['out/']);

    for (const name of ['test-examples', 'check']) {
      const job = all.get(name)!;
      expect(Number.isInteger(job.parallel) && (job.parallel as number) >= 2, name).toBe(true);
      expect(job.script!.join('\n'), name).toMatch(new RegExp(`npx stackdoc ${name} --shard "\\$CI_NODE_INDEX/\\$CI_NODE_TOTAL"`));
      expect(job.needs, name).toContain('build');
      expect((job.artifacts as { when: string }).when, name).toBe('always');
    }
    expect(all.get('check')!.needs).toContain('test-examples');

    const report = all.get('check-report')!;
    expect(report.parallel).toBeUndefined();
    expect(report.needs).toEqual(['check']);
    expect(report.script!.filter((line) => line.includes('npx stackdoc check --merge stackdoc-check/*.json'))).toHaveLength(3);
    expect((report.artifacts as { reports: unknown }).reports).toEqual({ codequality: 'gl-code-quality-report.json', junit: 'stackdoc-junit.xml' });
  });

  it('installs the Debian packages with scripts/install-deps.sh where the example checks run, with an apt cache', () => {
    const tests = jobs(data).get('test-examples')!;
    expect(tests.before_script).toContain('sh scripts/install-deps.sh');
    expect(tests.before_script!.join('\n')).toContain('Dir::Cache::Archives "%s/.apt-cache"');
    expect((tests.cache as Array<{ paths: string[] }>).flatMap((c) => c.paths)).toEqual(['.npm/', '.apt-cache/']);
    for (const name of ['build', 'check', 'check-report']) expect(jobs(data).get(name)!.before_script!.join('\n'), name).not.toContain('install-deps');
  });
});
