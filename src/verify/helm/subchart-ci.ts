import { resolveJobs } from '../gitlab/jobs.js';
import type { CiConfig } from '../gitlab/ci-config.js';
import { lineAt } from '../yaml-locate.js';
import type { Requirement } from './requirements.js';

/**
 * werf 1.1 deploys `.helm/charts/` as it finds it: the subcharts requirements.yaml declares are
 * fetched only by `werf helm dependency update`, which needs the chart repositories known to
 * Helm first (`werf helm repo init` writes Helm's repository list, `werf helm repo add NAME URL`
 * adds one). So every job that runs `werf deploy` must run those, in that order, before it.
 */
export interface CiProblem {
  message: string;
  line?: number;
}

const DEPLOY = /^werf\s+deploy\b/;
const INIT = /^werf\s+helm\s+repo\s+init\b/;
const ADD = /^werf\s+helm\s+repo\s+add\s+(\S+)\s+(\S+)/;
const DEPENDENCY = /^werf\s+helm\s+(?:dependency|dep|dependencies)\s+(?:update|up|build)\b/;

/** A repository URL as Helm 2 compares them: without a trailing slash. */
const normal = (url: string) => url.replace(/\/+$/, '');

export function ciProblems(config: CiConfig, requirements: readonly Requirement[]): { problems: CiProblem[]; deployJobs: string[] } {
  const problems: CiProblem[] = [];
  const deployJobs: string[] = [];
  for (const job of resolveJobs(config.data).jobs) {
    if (job.hidden) continue;
    const script = (Array.isArray(job.body.script) ? job.body.script : []).map((line) => String(line).replace(/\s+/g, ' ').trim());
    const deployAt = script.findIndex((line) => DEPLOY.test(line));
    if (deployAt === -1) continue;
    deployJobs.push(job.name);
    const before = script.slice(0, deployAt);
    const line = lineAt(config.doc, config.lines, [job.name], true);
    const initAt = before.findIndex((l) => INIT.test(l));
    const added = before.flatMap((l, i) => {
      const m = ADD.exec(l);
      return m ? [{ name: m[1]!, url: normal(m[2]!), at: i }] : [];
    });
    const dependencyAt = before.findIndex((l) => DEPENDENCY.test(l));
    const say = (message: string) => problems.push({ message: `job "${job.name}": ${message}`, line });
    if (dependencyAt === -1) {
      say('runs `werf deploy` without `werf helm dependency update` before it: the subcharts of requirements.yaml are never fetched and the deploy fails');
      continue;
    }
    if (added.length > 0 && (initAt === -1 || initAt > added[0]!.at)) {
      say('runs `werf helm repo add` without `werf helm repo init` before it: Helm has no repository list to add to yet');
    }
    for (const requirement of requirements) {
      const repository = requirement.repository;
      const alias = /^(?:@|alias:)(.+)$/.exec(repository)?.[1];
      if (repository.startsWith('file://')) continue;
      const match = added.find((a) => (alias ? a.name === alias : a.url === normal(repository)));
      if (!match) {
        say(`never adds the repository of ${requirement.name} (${repository}) with \`werf helm repo add NAME ${alias ? '<url>' : repository}\`: \`werf helm dependency update\` refuses a repository Helm does not know`);
      } else if (match.at > dependencyAt) {
        say(`adds the repository of ${requirement.name} after \`werf helm dependency update\`; add it before`);
      }
    }
  }
  return { problems, deployJobs };
}
