/**
 * Verification of emitted example trees, offline: each chapter's stapel/ and dockerfile/
 * repositories are checked statically (werf.yaml, .gitlab-ci.yml, the Helm chart rendered for
 * real, the Kubernetes objects it yields, the Dockerfile, and whether they agree with each
 * other), then the app is started and its own tests run. A chapter that passes gets a
 * test-stamp.json the CI gate compares instead of rerunning everything.
 *
 * Every check lives in checks/<name>.ts and is loaded only when it runs, so commands that never
 * verify do not load ajv, kubernetes-models or dockerfile-utils.
 */
import { Chapter, type Check } from './chapter.js';
import { CHECK_NAMES, type CheckName, type CheckResult, type Finding } from './types.js';

export { CHECK_NAMES, SERVICE_CHECKS, type CheckName, type CheckResult, type Variant } from './types.js';
export { MissingToolError } from './errors.js';
export { stampDuration, stampMatches, treeHash, writeStamp, STAMP_FILE } from './stamp.js';

/** Stops the servers a run shares between chapters (Redis, PostgreSQL) by their PIDs and removes its npm installs; test-examples calls it once at the end. */
export async function stopSharedServices(): Promise<string[]> {
  const { stopSharedRedis } = await import('./services/redis.js');
  const { stopPostgres } = await import('./services/postgres.js');
  const { releaseNodeInstalls } = await import('./run/node-deps.js');
  await releaseNodeInstalls();
  return [await stopSharedRedis(), await stopPostgres()].filter((said): said is string => said !== undefined);
}

const CHECKS: Record<CheckName, () => Promise<Check>> = {
  'werf-schema': async () => (await import('./checks/werf-schema.js')).werfSchemaCheck,
  'gitlab-ci-schema': async () => (await import('./checks/gitlab-ci-schema.js')).gitlabCiSchemaCheck,
  'helm-render': async () => (await import('./checks/helm-render.js')).helmRenderCheck,
  'k8s-schema': async () => (await import('./checks/k8s-schema.js')).k8sSchemaCheck,
  dockerfile: async () => (await import('./checks/dockerfile.js')).dockerfileCheck,
  consistency: async () => (await import('./checks/consistency.js')).consistencyCheck,
  subchart: async () => (await import('./checks/subchart.js')).subchartCheck,
  'nginx-config': async () => (await import('./checks/nginx-config.js')).nginxConfigCheck,
  'app-run': async () => (await import('./checks/app-run.js')).appRunCheck,
  'app-tests': async () => (await import('./checks/app-tests.js')).appTestsCheck,
  'app-lint': async () => (await import('./checks/app-lint.js')).appLintCheck,
  'assets-run': async () => (await import('./checks/assets-run.js')).assetsRunCheck,
  's3-run': async () => (await import('./checks/s3-run.js')).s3RunCheck,
  'mail-run': async () => (await import('./checks/mail-run.js')).mailRunCheck,
  'redis-run': async () => (await import('./checks/redis-run.js')).redisRunCheck,
  'hook-jobs': async () => (await import('./checks/hook-jobs.js')).hookJobsCheck,
  'database-run': async () => (await import('./checks/database-run.js')).databaseRunCheck,
  'apps-run': async () => (await import('./checks/apps-run.js')).appsRunCheck,
};

const VARIANT_ORDER = ['both', 'stapel', 'dockerfile'];

/** Findings in reading order: by variant, then file, then line (stable for the rest). */
function byPlace(a: Finding, b: Finding): number {
  const variant = VARIANT_ORDER.indexOf(a.variant) - VARIANT_ORDER.indexOf(b.variant);
  if (variant !== 0) return variant;
  if ((a.file ?? '') !== (b.file ?? '')) return (a.file ?? '') < (b.file ?? '') ? -1 : 1;
  return (a.line ?? Infinity) - (b.line ?? Infinity);
}

export interface VerifyOptions {
  /** Called as each result is known, for live progress. */
  onResult?: (result: CheckResult) => void;
  /** Run only these checks (in the usual order). */
  only?: CheckName[];
  /** Called after each check with the time it took on this chapter (`test-examples --timings`). */
  onCheckTimed?: (check: CheckName, ms: number) => void;
}

/**
 * Runs the checks on one chapter directory (the folder holding stapel/, dockerfile/ and
 * example.json) and returns every result. Checks run one after another, so the app checks never
 * compete for ports or CPU with each other. A MissingToolError aborts the run: the machine, not
 * the example, needs fixing.
 */
export async function verifyChapter(chapterDir: string, opts: VerifyOptions = {}): Promise<CheckResult[]> {
  const chapter = new Chapter(chapterDir);
  const results: CheckResult[] = [];
  const wanted = CHECK_NAMES.filter((name) => !opts.only || opts.only.includes(name));
  for (const name of wanted) {
    const check = await CHECKS[name]();
    const started = performance.now();
    const findings = await check.run(chapter);
    opts.onCheckTimed?.(name, performance.now() - started);
    for (const finding of findings.sort(byPlace)) {
      const result: CheckResult = { chapterDir, check: name, ...finding };
      results.push(result);
      opts.onResult?.(result);
    }
  }
  return results;
}
