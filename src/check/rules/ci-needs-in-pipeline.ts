import { asList, joins, pipelinesFor } from '../../verify/gitlab/pipelines.js';
import type { Finding, Rule } from '../types.js';

/**
 * `ci-needs-in-pipeline`: in every example `.gitlab-ci.yml`, a job runs only in pipelines where
 * what it depends on runs too: the jobs it names in `needs` and `dependencies`, the stop job its
 * environment names in `on_stop` (and, for a stop job, the job whose environment it stops), and,
 * for a job that runs `werf deploy` or `werf run` (the tests chapter's test jobs), a job of an
 * earlier stage that runs `werf build-and-publish` (they take the images that job publishes; stage
 * order is how the pipeline waits for it; such a job in a stage not after the build's is reported
 * as well).
 * Pipelines are tried for every ref the file names plus a feature branch: pushes, merge
 * requests, schedules, web runs and a tag push, with GitLab's `only`/`except` semantics
 * (no `only` means branches and tags, which excludes merge-request pipelines; a merge-request
 * pipeline takes only jobs that say `merge_requests`). `rules` are read
 * when their `if` compares `$CI_PIPELINE_SOURCE`, `$CI_COMMIT_BRANCH`, `$CI_COMMIT_REF_NAME` or
 * `$CI_COMMIT_TAG` with `==`/`!=`; a job with rules beyond that is assumed to run (no finding).
 */
export const ciNeedsInPipeline: Rule = {
  id: 'ci-needs-in-pipeline',
  doc: 'No .gitlab-ci.yml job runs in a pipeline where a job it depends on (needs, dependencies, on_stop and the stop job\'s starter, the werf build before werf deploy or werf run) does not.',
  severity: 'error',
  async run(ctx) {
    const { ciFiles } = await import('../ci-files.js');
    const { DEFAULT_STAGES } = await import('../../verify/gitlab/jobs.js');
    const { environmentOf } = await import('../../verify/gitlab/environments.js');
    const findings: Finding[] = [];
    for (const ci of await ciFiles(ctx)) {
      const { data } = ci.config;
      const running = ci.jobs;
      const stages = Array.isArray(data.stages) ? data.stages.map(String) : DEFAULT_STAGES;
      const stageOf = (body: Record<string, unknown>): number => stages.indexOf(typeof body.stage === 'string' ? body.stage : 'test');
      const publishes = (body: Record<string, unknown>): boolean => scriptOf(body).some((l) => /\bwerf\s+build-and-publish\b/.test(l));
      const pipelines = pipelinesFor(running.map((j) => j.body));
      for (const job of running) {
        const wants: Array<{ name: string; why: string }> = [];
        for (const n of asList(job.body.needs)) wants.push({ name: n, why: 'needs' });
        for (const n of asList(job.body.dependencies)) wants.push({ name: n, why: 'dependencies' });
        // A started environment is stopped by its on_stop job of the same pipeline, and a stop
        // job stops what a job of its pipeline started: the two must run in the same pipelines.
        const env = environmentOf(job.body);
        if (env?.onStop !== undefined) wants.push({ name: env.onStop, why: 'on_stop job' });
        for (const starter of running) {
          if (starter !== job && environmentOf(starter.body)?.onStop === job.name) wants.push({ name: starter.name, why: 'job whose environment it stops' });
        }
        // werf deploy and werf run take images a build published; werf run never builds one
        const takes = scriptOf(job.body).map((l) => /\bwerf\s+(deploy|run)\b/.exec(l)?.[1]).find((c) => c !== undefined);
        const takesImages = takes !== undefined && !publishes(job.body);
        const builders = running.filter((b) => b !== job && stageOf(b.body) < stageOf(job.body) && publishes(b.body));
        const laterBuilders = running.filter((b) => b !== job && stageOf(b.body) >= stageOf(job.body) && publishes(b.body));
        if (takesImages && builders.length === 0 && laterBuilders.length > 0) {
          // the images are published in the same or a later stage: the job runs before they exist
          findings.push({
            rule: this.id, severity: this.severity, file: ci.file,
            line: ci.lineOf([job.name]), column: 1, key: `${ci.variant}/${job.name} stage`,
            message: `job "${job.name}" runs werf ${takes} in stage ${String(job.body.stage ?? 'test')}, but ${laterBuilders.map((b) => b.name).join(', ')} publishes the images in the same or a later stage; put its stage after the build stage in stages`,
          });
          continue;
        }
        for (const pipeline of pipelines) {
          if (joins(job.body, pipeline) !== true) continue;
          const problems: string[] = [];
          for (const want of wants) {
            const other = running.find((j) => j.name === want.name);
            if (other !== undefined && joins(other.body, pipeline) === false && !problems.some((p) => p.startsWith(`${want.name} `))) problems.push(`${want.name} (its ${want.why})`);
          }
          if (takesImages && builders.length > 0 && builders.every((b) => joins(b.body, pipeline) === false)) {
            const names = builders.map((b) => b.name).filter((n) => !problems.some((p) => p.startsWith(`${n} `)));
            if (names.length > 0) problems.push(`${names.join(', ')} (the earlier stage that publishes the images werf ${takes} takes)`);
          }
          if (problems.length === 0) continue;
          findings.push({
            rule: this.id, severity: this.severity, file: ci.file,
            line: ci.lineOf([job.name]), column: 1, key: `${ci.variant}/${job.name} ${pipeline.source}`,
            message: `job "${job.name}" runs ${pipeline.words}, but ${problems.join(' and ')} ${problems.length > 1 || problems[0]!.includes(', ') ? 'do' : 'does'} not run there; give them the same only/except (or rules)`,
          });
          break; // one pipeline is enough to show it; the fix covers the others
        }
      }
    }
    return findings;
  },
};

function scriptOf(body: Record<string, unknown>): string[] {
  return ['before_script', 'script'].flatMap((k) => (Array.isArray(body[k]) ? (body[k] as unknown[]).map(String) : typeof body[k] === 'string' ? [String(body[k])] : []));
}
