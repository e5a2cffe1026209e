import type { Finding, Rule } from '../types.js';

/**
 * `ci-stop-job`: every `environment.on_stop` in an example `.gitlab-ci.yml` names a job GitLab
 * runs, and that job really stops the same environment: `environment.action: stop` (without it
 * GitLab takes the job for one more deploy), the very `environment.name` the starting job gives
 * (else it stops another environment, or one that never existed) and `when: manual` (else it
 * runs by itself as soon as the pipeline reaches its stage and tears down what was just
 * deployed). GitLab runs the job itself when the environment is stopped: by hand, when the
 * merge request's branch is deleted, or when `auto_stop_in` runs out.
 */
export const ciStopJob: Rule = {
  id: 'ci-stop-job',
  doc: 'Every environment.on_stop names an existing job that is when: manual with environment.action: stop and the same environment name.',
  severity: 'error',
  async run(ctx) {
    const { ciFiles } = await import('../ci-files.js');
    const { environmentOf } = await import('../../verify/gitlab/environments.js');
    const findings: Finding[] = [];
    for (const ci of await ciFiles(ctx)) {
      for (const job of ci.jobs) {
        const env = environmentOf(job.body);
        if (env?.onStop === undefined) continue;
        const add = (key: string, message: string, path: readonly string[] = [job.name, 'environment', 'on_stop']): void => {
          findings.push({ rule: this.id, severity: this.severity, file: ci.file, line: ci.lineOf(path), column: 1, key: `${ci.variant}/${job.name} → ${env.onStop} ${key}`, message });
        };
        const stop = ci.jobs.find((j) => j.name === env.onStop);
        if (stop === undefined) {
          add('missing', `job "${job.name}" names on_stop "${env.onStop}", but there is no such job: add it (when: manual, environment: {name: ${env.name}, action: stop}) or GitLab cannot stop the environment`);
          continue;
        }
        const stops = environmentOf(stop.body);
        if (stops === undefined || stops.action !== 'stop') {
          add('action', `job "${stop.name}" is the on_stop of "${job.name}" but does not say environment: {action: stop}; GitLab would take it for one more deploy of the environment instead of stopping it`, [stop.name]);
        }
        if (stops !== undefined && stops.name !== env.name) {
          add('name', `job "${stop.name}" stops environment "${stops.name}", but "${job.name}" starts "${env.name}"; write the same name in both, or the stop job stops another environment`, [stop.name, 'environment']);
        }
        const when = whenOf(stop.body);
        if (when !== 'manual') {
          add('when', `job "${stop.name}" (the on_stop of "${job.name}") runs when: ${when}; a stop job must be when: manual, or it tears the environment down as soon as the pipeline reaches its stage`, [stop.name]);
        }
      }
    }
    return findings;
  },
};

/**
 * When GitLab runs a job: its `when`, or, for a job with `rules`, the `when` of the rules that
 * add it (each rule's own `when`, else the job's); a rule with `when: never` adds nothing.
 */
function whenOf(body: Record<string, unknown>): string {
  const own = typeof body.when === 'string' ? body.when : 'on_success';
  if (!Array.isArray(body.rules)) return own;
  const adding = body.rules
    .map((rule) => (rule !== null && typeof rule === 'object' && typeof (rule as { when?: unknown }).when === 'string' ? String((rule as { when: string }).when) : own))
    .filter((when) => when !== 'never');
  return adding.find((when) => when !== 'manual') ?? (adding.length > 0 ? 'manual' : own);
}
