import type { ValidateFunction } from 'ajv';
import type { Chapter, Check } from '../chapter.js';
import { createAjv } from '../ajv.js';
import { readCiConfig, type CiConfig } from '../gitlab/ci-config.js';
import { DEFAULT_STAGES, resolveJobs, runsWerf, scriptLines, type CiJob } from '../gitlab/jobs.js';
import { loadGitlabSchema } from '../gitlab/schema-source.js';
import { describeSchemaErrors } from '../schema-errors.js';
import type { Finding, Variant } from '../types.js';
import { lineAt } from '../yaml-locate.js';

/**
 * gitlab-ci-schema: .gitlab-ci.yml against GitLab's own CI schema (taken offline from
 * gitlab-ci-local, see gitlab/schema-source.ts; validated with ajv + ajv-formats), then what the
 * schema cannot know: each job's stage exists, werf jobs have runner tags (werf runs on a
 * dedicated runner), and every job that runs `werf deploy` names its environment. Jobs are read
 * after `extends`, `<<` merge keys and `!reference` are resolved, as GitLab reads them.
 */
export const gitlabCiSchemaCheck: Check = {
  async run(chapter) {
    const validate = await gitlabValidator();
    const findings: Finding[] = [];
    for (const variant of chapter.variants()) {
      const read = await readCiConfig(chapter.dir, variant);
      if (read.status === 'missing') {
        findings.push({ variant, status: 'fail', message: `${read.file} is missing`, file: read.file });
        continue;
      }
      if (read.status === 'invalid-yaml') {
        findings.push({ variant, status: 'fail', message: `not valid YAML: ${read.message}`, file: read.file, line: read.line });
        continue;
      }
      const { config } = read;
      const failures: Finding[] = [];
      if (!validate(config.data)) {
        for (const problem of describeSchemaErrors(validate.errors ?? [])) {
          failures.push(failure(variant, config, problem.message, problem.path, problem.atKey));
        }
      }
      const { jobs, problems } = resolveJobs(config.data);
      for (const problem of problems) failures.push(failure(variant, config, `job "${problem.job}": ${problem.message}`, [problem.job], true));
      for (const message of jobProblems(config.data, jobs)) failures.push(failure(variant, config, message.text, [message.job], true));
      const visible = jobs.filter((job) => !job.hidden);
      findings.push(
        ...(failures.length > 0
          ? failures
          : [{ variant, status: 'pass' as const, message: `valid GitLab CI: ${visible.length} jobs (${visible.map((j) => j.name).join(', ')})`, file: config.file }]),
      );
    }
    return findings;
  },
};

let compiled: Promise<ValidateFunction> | undefined;

/** Compiling GitLab's schema takes ~0.5 s; once per process is enough. */
function gitlabValidator(): Promise<ValidateFunction> {
  compiled ??= Promise.all([createAjv(), loadGitlabSchema()]).then(([ajv, schema]) => ajv.compile(schema));
  return compiled;
}

function failure(variant: Variant, config: CiConfig, message: string, path: readonly (string | number)[], atKey: boolean): Finding {
  return { variant, status: 'fail', message, file: config.file, line: lineAt(config.doc, config.lines, path, atKey) };
}

function jobProblems(data: Record<string, unknown>, jobs: CiJob[]): { job: string; text: string }[] {
  const out: { job: string; text: string }[] = [];
  const declared = Array.isArray(data.stages) ? data.stages.map(String) : DEFAULT_STAGES;
  const stages = new Set(['.pre', ...declared, '.post']);
  const defaults = (data.default ?? {}) as Record<string, unknown>;
  for (const job of jobs) {
    if (job.hidden) continue;
    const stage = typeof job.body.stage === 'string' ? job.body.stage : 'test'; // GitLab's default
    if (!stages.has(stage)) out.push({ job: job.name, text: `job "${job.name}": stage "${stage}" is not one of the stages (${[...stages].join(', ')})` });
    const lines = scriptLines(job.body.script);
    const tags = job.body.tags ?? defaults.tags;
    if (lines.some((line) => runsWerf(line)) && !(Array.isArray(tags) && tags.length > 0)) {
      out.push({ job: job.name, text: `job "${job.name}" runs werf but has no tags; werf jobs must go to the runner that has werf (tags: [werf])` });
    }
    if (lines.some((line) => runsWerf(line, 'deploy')) && !environmentName(job.body.environment)) {
      out.push({ job: job.name, text: `job "${job.name}" runs werf deploy but names no environment; werf deploys per environment (environment: {name: stage})` });
    }
  }
  return out;
}

function environmentName(environment: unknown): string | undefined {
  if (typeof environment === 'string' && environment !== '') return environment;
  if (typeof environment === 'object' && environment !== null) {
    const name = (environment as Record<string, unknown>).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return undefined;
}
