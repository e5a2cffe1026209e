import type { Finding, Rule } from '../types.js';

/**
 * `ci-stop-no-checkout`: a job with `environment.action: stop` works without the repository.
 * GitLab runs it when the merge request's branch may already be gone (after the merge, when the
 * branch is deleted, when `auto_stop_in` runs out), so it must not check the code out
 * (`GIT_STRATEGY: none`) and must run nothing that reads the checkout: no `git`, and of werf only
 * `ci-env`, `version` and `dismiss`.
 *
 * `werf dismiss` itself is the subtle one: in werf 1.1 it always loads werf.yaml (the project name
 * and the release and namespace templates; cmd/werf/dismiss/dismiss.go calls
 * GetRequiredWerfConfig even when --release and --namespace are given), so the job must receive
 * werf.yaml as an artifact of a job it takes artifacts from (`dependencies`, `needs`, or by
 * default every job of an earlier stage), together with the `.werf/**\/*.tmpl` templates when
 * werf.yaml includes them (werf renders werf.yaml as a Go template before reading it). And it must
 * name the environment werf deploy used: `--env $CI_ENVIRONMENT_SLUG` (what `werf ci-env` sets as
 * WERF_ENV), or no --env after `werf ci-env` in the same job, or both --release and --namespace.
 */
export const ciStopNoCheckout: Rule = {
  id: 'ci-stop-no-checkout',
  doc: 'A stop job (environment.action: stop) sets GIT_STRATEGY: none, runs nothing that reads the checkout, and gets werf.yaml for werf dismiss from an artifact.',
  severity: 'error',
  async run(ctx) {
    const { ciFiles } = await import('../ci-files.js');
    const { environmentOf, jobShellLines, jobVariables } = await import('../../verify/gitlab/environments.js');
    const { artifactSources, covers, werfTemplates, includesTemplates } = await import('../../verify/gitlab/artifacts.js');
    const findings: Finding[] = [];
    for (const ci of await ciFiles(ctx)) {
      const { data } = ci.config;
      for (const job of ci.jobs) {
        if (environmentOf(job.body)?.action !== 'stop') continue;
        const add = (key: string, message: string, path: readonly string[] = [job.name]): void => {
          findings.push({ rule: this.id, severity: this.severity, file: ci.file, line: ci.lineOf(path), column: 1, key: `${ci.variant}/${job.name} ${key}`, message });
        };
        const strategy = jobVariables(data, job.body).GIT_STRATEGY;
        if (strategy !== 'none') {
          add('GIT_STRATEGY', `stop job "${job.name}" checks the repository out (GIT_STRATEGY is ${strategy === undefined ? 'not set' : `"${String(strategy)}"`}); GitLab runs it when the branch may already be deleted, and the fetch then fails: set variables: {GIT_STRATEGY: none}`);
        }
        const lines = jobShellLines(data, job.body);
        let ciEnvBefore = false;
        for (const line of lines) {
          for (const command of commandsOf(line)) {
            if (command.program === 'git') {
              add(`git ${command.sub}`, `stop job "${job.name}" runs "git ${command.sub}", which needs the checkout it does not have (GIT_STRATEGY: none)`, [job.name, 'script']);
              continue;
            }
            if (command.sub === 'ci-env') ciEnvBefore = true;
            if (command.sub === 'ci-env' || command.sub === 'version') continue;
            if (command.sub !== 'dismiss') {
              const shown = command.sub === 'helm' && command.args[0] !== undefined && !command.args[0].startsWith('-') ? `helm ${command.args[0]}` : command.sub;
              add(`werf ${command.sub}`, `stop job "${job.name}" runs "werf ${shown}", which reads werf.yaml and the chart from the checkout; a stop job runs without one: only werf dismiss (with werf.yaml from an artifact) belongs there`, [job.name, 'script']);
              continue;
            }
            const env = flagValue(command.args, '--env');
            if (env === undefined && !ciEnvBefore && !(flagValue(command.args, '--release') && flagValue(command.args, '--namespace'))) {
              add('dismiss --env', `stop job "${job.name}" runs werf dismiss without an environment: give --env $CI_ENVIRONMENT_SLUG (what werf ci-env gave werf deploy), or werf cannot name the release and namespace`, [job.name, 'script']);
            } else if (env !== undefined && !/^"?\$\{?CI_ENVIRONMENT_SLUG\}?"?$/.test(env)) {
              add('dismiss --env', `stop job "${job.name}" dismisses --env ${env}, but werf deploy used $CI_ENVIRONMENT_SLUG (werf ci-env sets WERF_ENV from it); write --env $CI_ENVIRONMENT_SLUG or another release is removed`, [job.name, 'script']);
            }
            const sources = artifactSources(data, ci.jobs, job);
            const paths = sources.flatMap((s) => s.paths);
            const werfYaml = ['werf.yaml', 'werf.yml'].find((f) => covers(paths, f));
            if (werfYaml === undefined) {
              add('dismiss werf.yaml', `stop job "${job.name}" runs werf dismiss, which in werf 1.1 always reads werf.yaml (the project name, the release and namespace templates), but no job it takes artifacts from (${sources.length > 0 ? sources.map((s) => s.job).join(', ') : 'none'}) keeps werf.yaml: add artifacts: {paths: [werf.yaml]} to the job that deploys the environment and name it in dependencies`, [job.name, 'script']);
            } else if (await includesTemplates(`${ci.chapterDir}/${ci.variant}/werf.yaml`)) {
              const missing = (await werfTemplates(`${ci.chapterDir}/${ci.variant}`)).filter((t) => !covers(paths, t));
              if (missing.length > 0) {
                add('dismiss .werf', `werf.yaml includes templates from .werf/, which werf dismiss renders too, but the artifacts of the stop job "${job.name}" lack ${missing.join(', ')}: add .werf/ to the artifact paths`, [job.name, 'script']);
              }
            }
          }
        }
      }
    }
    return findings;
  },
};

interface Command {
  program: 'werf' | 'git';
  sub: string;
  args: string[];
}

/**
 * The `werf …` and `git …` commands a shell line runs: at its start or after `&&`, `||`, `;`, `|`,
 * `$(`, `<(` or a backquote (`type werf && source <(werf ci-env gitlab)` runs werf ci-env).
 */
function commandsOf(line: string): Command[] {
  const out: Command[] = [];
  for (const m of line.matchAll(/(?:^|&&|\|\||;|\||\$\(|<\(|`)\s*(werf|git)\s+([\w-]+)([^;&|)`]*)/gm)) {
    out.push({ program: m[1] as 'werf' | 'git', sub: m[2]!, args: m[3]!.trim().split(/\s+/).filter(Boolean) });
  }
  return out;
}

/** `--flag value` or `--flag=value`. */
function flagValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) return args[i + 1];
    if (args[i]!.startsWith(`${flag}=`)) return args[i]!.slice(flag.length + 1);
  }
  return undefined;
}
