// Which pipelines a GitLab job joins, read from its `only`/`except` or simple `rules`: the model
// the check rules about jobs that must run together (ci-needs-in-pipeline) read.

/**
 * A pipeline GitLab could start: what started it and for which ref. GitLab decides per pipeline
 * which jobs it adds (`only`/`except`/`rules`), so a job can run in a pipeline where the job it
 * depends on does not: its deploy then finds no image, or GitLab refuses the pipeline.
 */
export interface Pipeline {
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
export type Joins = boolean | undefined;

/** Every pipeline worth trying: each ref the file names (and a feature branch), each source, and a tag push. */
export function pipelinesFor(bodies: Array<Record<string, unknown>>): Pipeline[] {
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
export function joins(body: Record<string, unknown>, p: Pipeline): Joins {
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

export function asList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === 'string' ? v : v !== null && typeof v === 'object' && 'job' in v ? String((v as { job: unknown }).job) : '')).filter(Boolean);
}

