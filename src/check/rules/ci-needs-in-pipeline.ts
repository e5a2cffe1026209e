import { existsSync } from 'node:fs';
import { chaptersOf } from '../../emit/examples.js';
import type { Finding, Rule } from '../types.js';

/**
 * A pipeline GitLab could start: what started it and for which ref. GitLab decides per pipeline
 * which jobs it adds (`only`/`except`/`rules`), so a job can run in a pipeline where the job it
 * depends on does not: its deploy then finds no image, or GitLab refuses the pipeline.
 */
interface Pipeline {
  source: 'push' | 'merge_request_event' | 'schedule' | 'web';
  ref: string;
  tag: boolean;
  words: string;
}

/** `only`/`except` keywords that name a pipeline's source rather than a ref. */
const SOURCES: Record<string, (p: Pipeline) => boolean> = {
  branches: (p) => !p.tag && p.source !== 'merge_request_event',
  tags: (p) => p.tag,
  merge_requests: (p) => p.source === 'merge_request_event',
  schedules: (p) => p.source === 'schedule',
  pushes: (p) => p.source === 'push',
  web: (p) => p.source === 'web',
  api: () => false,
  triggers: () => false,
  pipelines: () => false,
  external: () => false,
  chat: () => false,
  external_pull_requests: () => false,
};

/** Whether a job joins a pipeline: true, false, or undefined when its rules are beyond this reading. */
type Joins = boolean | undefined;

/**
 * `ci-needs-in-pipeline`: in every example `.gitlab-ci.yml`, a job runs only in pipelines where
 * what it depends on runs too: the jobs it names in `needs` and `dependencies`, and, for a job
 * that runs `werf deploy` or `werf run` (the tests chapter's test jobs), a job of an earlier stage
 * that runs `werf build-and-publish` (they take the images that job publishes; stage order is how
 * the pipeline waits for it; such a job in a stage not after the build's is reported as well).
 * Pipelines are tried for every ref the file names plus a feature branch: pushes, merge
 * requests, schedules, web runs and a tag push, with GitLab's `only`/`except` semantics
 * (no `only` means branches and tags, which excludes merge-request pipelines; a merge-request
 * pipeline takes only jobs that say `merge_requests`). `rules` are read
 * when their `if` compares `$CI_PIPELINE_SOURCE`, `$CI_COMMIT_BRANCH`, `$CI_COMMIT_REF_NAME` or
 * `$CI_COMMIT_TAG` with `==`/`!=`; a job with rules beyond that is assumed to run (no finding).
 */
export const ciNeedsInPipeline: Rule = {
  id: 'ci-needs-in-pipeline',
  doc: 'No .gitlab-ci.yml job runs in a pipeline where a job it depends on (needs, dependencies, the werf build before werf deploy or werf run) does not.',
  severity: 'error',
  async run({ build, outDir }) {
    if (build === undefined) return [];
    const { readCiConfig } = await import('../../verify/gitlab/ci-config.js');
    const { resolveJobs, DEFAULT_STAGES } = await import('../../verify/gitlab/jobs.js');
    const { lineAt } = await import('../../verify/yaml-locate.js');
    const slug = build.profile.stack.slug;
    const findings: Finding[] = [];
    for (const chapter of chaptersOf(build.trees)) {
      const chapterDir = `${outDir}/${slug}/examples/${chapter}`;
      for (const variant of ['stapel', 'dockerfile']) {
        if (!build.trees.has(`${chapter}/${variant}/.gitlab-ci.yml`) || !existsSync(`${chapterDir}/${variant}/.gitlab-ci.yml`)) continue;
        const read = await readCiConfig(chapterDir, variant);
        if (read.status !== 'ok') continue; // test-examples' gitlab-ci-schema reports a broken file
        const { data, doc, lines } = read.config;
        const { jobs } = resolveJobs(data);
        const running = jobs.filter((j) => !j.hidden);
        const stages = Array.isArray(data.stages) ? data.stages.map(String) : DEFAULT_STAGES;
        const stageOf = (body: Record<string, unknown>): number => stages.indexOf(typeof body.stage === 'string' ? body.stage : 'test');
        const pipelines = pipelinesFor(running.map((j) => j.body));
        const file = `${chapterDir}/${variant}/.gitlab-ci.yml`;
        for (const job of running) {
          const wants: Array<{ name: string; why: string }> = [];
          for (const n of asList(job.body.needs)) wants.push({ name: n, why: 'needs' });
          for (const n of asList(job.body.dependencies)) wants.push({ name: n, why: 'dependencies' });
          // werf deploy and werf run take images a build published; werf run never builds one
          const takes = scriptOf(job.body).map((l) => /\bwerf\s+(deploy|run)\b/.exec(l)?.[1]).find((c) => c !== undefined);
          const takesImages = takes !== undefined;
          const builders = running.filter((b) => b !== job && stageOf(b.body) < stageOf(job.body) && scriptOf(b.body).some((l) => /\bwerf\s+build-and-publish\b/.test(l)));
          const buildsItself = scriptOf(job.body).some((l) => /\bwerf\s+build-and-publish\b/.test(l));
          const laterBuilders = running.filter((b) => b !== job && stageOf(b.body) >= stageOf(job.body) && scriptOf(b.body).some((l) => /\bwerf\s+build-and-publish\b/.test(l)));
          if (takesImages && !buildsItself && builders.length === 0 && laterBuilders.length > 0) {
            // the images are published in the same or a later stage: the job runs before they exist
            findings.push({
              rule: this.id, severity: this.severity, file,
              line: lineAt(doc, lines, [job.name], true) ?? 1, column: 1, key: `${variant}/${job.name} stage`,
              message: `job "${job.name}" runs werf ${takes} in stage ${String(job.body.stage ?? 'test')}, but ${laterBuilders.map((b) => b.name).join(', ')} publishes the images in the same or a later stage; put its stage after the build stage in stages`,
            });
            continue;
          }
          for (const pipeline of pipelines) {
            if (joins(job.body, pipeline) !== true) continue;
            const problems: string[] = [];
            for (const want of wants) {
              const other = running.find((j) => j.name === want.name);
              if (other !== undefined && joins(other.body, pipeline) === false) problems.push(`${want.name} (its ${want.why})`);
            }
            if (takesImages && !buildsItself && builders.length > 0 && builders.every((b) => joins(b.body, pipeline) === false)) {
              const names = builders.map((b) => b.name).filter((n) => !problems.some((p) => p.startsWith(`${n} `)));
              if (names.length > 0) problems.push(`${names.join(', ')} (the earlier stage that publishes the images werf ${takes} takes)`);
            }
            if (problems.length === 0) continue;
            findings.push({
              rule: this.id, severity: this.severity, file,
              line: lineAt(doc, lines, [job.name], true) ?? 1, column: 1, key: `${variant}/${job.name} ${pipeline.source}`,
              message: `job "${job.name}" runs ${pipeline.words}, but ${problems.join(' and ')} ${problems.length > 1 || problems[0]!.includes(', ') ? 'do' : 'does'} not run there; give them the same only/except (or rules)`,
            });
            break; // one pipeline is enough to show it; the fix covers the others
          }
        }
      }
    }
    return findings;
  },
};

/** Every pipeline worth trying: each ref the file names (and a feature branch), each source, and a tag push. */
function pipelinesFor(bodies: Array<Record<string, unknown>>): Pipeline[] {
  const refs = new Set<string>();
  for (const body of bodies) {
    for (const key of ['only', 'except']) {
      for (const entry of refsOf(body[key])) if (!(entry in SOURCES) && !entry.startsWith('/')) refs.add(entry);
    }
  }
  refs.add('master');
  refs.add('feature-branch');
  const out: Pipeline[] = [];
  for (const ref of [...refs].sort()) {
    out.push({ source: 'push', ref, tag: false, words: `on a push to ${ref}` });
    out.push({ source: 'merge_request_event', ref, tag: false, words: `in a merge-request pipeline (from ${ref})` });
    out.push({ source: 'schedule', ref, tag: false, words: `in a scheduled pipeline on ${ref}` });
    out.push({ source: 'web', ref, tag: false, words: `in a pipeline run from the web on ${ref}` });
  }
  out.push({ source: 'push', ref: 'v1.0.0', tag: true, words: 'on a tag push (v1.0.0)' });
  return out;
}

/** Does a job join this pipeline? GitLab's `only`/`except`, or `rules` as far as they can be read. */
function joins(body: Record<string, unknown>, p: Pipeline): Joins {
  if (Array.isArray(body.rules)) return byRules(body.rules, p);
  const only = body.only === undefined ? ['branches', 'tags'] : refsOf(body.only);
  if (!only.some((e) => matches(e, p))) return false;
  if (refsOf(body.except).some((e) => matches(e, p))) return false;
  // `only: variables/changes/kubernetes` narrow further on things not known here: assume the job runs.
  return true;
}

/** `only: [a, b]` or `only: { refs: [a, b], … }`. */
function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object' && 'refs' in value) return refsOf((value as { refs: unknown }).refs);
  return [];
}

function matches(entry: string, p: Pipeline): boolean {
  const source = SOURCES[entry];
  if (source !== undefined) return source(p);
  // A merge-request pipeline takes only jobs that name it (`merge_requests`); ref names and
  // patterns match branch and tag pipelines.
  if (p.source === 'merge_request_event') return false;
  const regex = /^\/(.*)\/([a-z]*)$/.exec(entry);
  if (regex !== null) {
    try {
      return new RegExp(regex[1]!, regex[2]!.replace(/[^imsu]/g, '')).test(p.ref);
    } catch {
      return false;
    }
  }
  return entry === p.ref;
}

/** The first rule whose `if` holds decides; `when: never` keeps the job out. */
function byRules(rules: unknown[], p: Pipeline): Joins {
  for (const rule of rules) {
    if (rule === null || typeof rule !== 'object') continue;
    const { if: condition, when, changes, exists } = rule as Record<string, unknown>;
    if (changes !== undefined || exists !== undefined) return undefined;
    const holds = condition === undefined ? true : evaluate(String(condition), p);
    if (holds === undefined) return undefined;
    if (holds) return when !== 'never';
  }
  return false;
}

/** The CI variables a rule may compare, as GitLab sets them for this pipeline. */
function variables(p: Pipeline): Record<string, string | undefined> {
  const mr = p.source === 'merge_request_event';
  return {
    CI_PIPELINE_SOURCE: p.source,
    CI_COMMIT_BRANCH: p.tag || mr ? undefined : p.ref,
    CI_COMMIT_REF_NAME: p.ref,
    CI_COMMIT_TAG: p.tag ? p.ref : undefined,
    CI_MERGE_REQUEST_ID: mr ? '1' : undefined,
    CI_MERGE_REQUEST_IID: mr ? '1' : undefined,
    CI_DEFAULT_BRANCH: 'master',
  };
}

/**
 * `$A == "x" && $B` … with `&&`, `||`, `==`, `!=` and bare variables (set and not empty); no
 * parentheses or `=~`: anything else answers undefined and the job is assumed to run.
 */
function evaluate(expr: string, p: Pipeline): boolean | undefined {
  const vars = variables(p);
  const term = (t: string): boolean | undefined => {
    const m = /^\s*\$(\w+)\s*(?:(==|!=)\s*(?:"([^"]*)"|'([^']*)'|\$(\w+)|(null)))?\s*$/.exec(t);
    if (m === null || !(m[1]! in vars)) return undefined;
    const left = vars[m[1]!];
    if (m[2] === undefined) return left !== undefined && left !== '';
    if (m[5] !== undefined && !(m[5] in vars)) return undefined;
    const right = m[6] !== undefined ? undefined : m[5] !== undefined ? vars[m[5]] : (m[3] ?? m[4]);
    return m[2] === '==' ? left === right : left !== right;
  };
  if (/[()]|=~|!~/.test(expr)) return undefined;
  let any = false;
  for (const alternative of expr.split('||')) {
    let all: boolean | undefined = true;
    for (const part of alternative.split('&&')) {
      const value = term(part);
      if (value === undefined) return undefined;
      all = all && value;
    }
    any = any || all === true;
  }
  return any;
}

function asList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === 'string' ? v : v !== null && typeof v === 'object' && 'job' in v ? String((v as { job: unknown }).job) : '')).filter(Boolean);
}

function scriptOf(body: Record<string, unknown>): string[] {
  return ['before_script', 'script'].flatMap((k) => (Array.isArray(body[k]) ? (body[k] as unknown[]).map(String) : typeof body[k] === 'string' ? [String(body[k])] : []));
}
