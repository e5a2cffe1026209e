import type { Finding, Rule } from '../types.js';

/**
 * `ci-review-env`: a job that starts an environment whose name holds a CI variable
 * (`review/$CI_COMMIT_REF_SLUG`: one environment per branch or merge request) says how it ends:
 * `on_stop` (the job that removes the release and the namespace from the cluster; stopping the
 * environment in GitLab alone removes nothing) and `auto_stop_in` (a forgotten merge request's
 * environment is stopped after that much time without a deploy, instead of holding the cluster's
 * resources for ever).
 */
export const ciReviewEnv: Rule = {
  id: 'ci-review-env',
  doc: 'A job that starts a review environment (a name with a CI variable) sets environment.on_stop and environment.auto_stop_in.',
  severity: 'error',
  async run(ctx) {
    const { ciFiles } = await import('../ci-files.js');
    const { environmentOf, isDynamic } = await import('../../verify/gitlab/environments.js');
    const findings: Finding[] = [];
    for (const ci of await ciFiles(ctx)) {
      for (const job of ci.jobs) {
        const env = environmentOf(job.body);
        if (env === undefined || env.action !== 'start' || !isDynamic(env)) continue;
        const add = (key: string, message: string): void => {
          findings.push({ rule: this.id, severity: this.severity, file: ci.file, line: ci.lineOf([job.name, 'environment']), column: 1, key: `${ci.variant}/${job.name} ${key}`, message });
        };
        if (env.onStop === undefined) {
          add('on_stop', `job "${job.name}" starts a review environment ("${env.name}", one per branch or merge request) but names no on_stop job; stopping it in GitLab would leave its release and namespace in the cluster`);
        }
        if (env.autoStopIn === undefined) {
          add('auto_stop_in', `job "${job.name}" starts a review environment ("${env.name}", one per branch or merge request) without auto_stop_in; a forgotten one keeps its namespace in the cluster for ever (auto_stop_in: 1 day)`);
        }
      }
    }
    return findings;
  },
};
