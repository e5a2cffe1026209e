/** The checks, in the order they run: cheap static checks first, the app itself last. */
export const CHECK_NAMES = [
  'werf-schema',
  'gitlab-ci-schema',
  'helm-render',
  'k8s-schema',
  'dockerfile',
  'consistency',
  'subchart',
  'nginx-config',
  'app-run',
  'app-tests',
  'app-lint',
  'assets-run',
  's3-run',
  'mail-run',
  'redis-run',
  'hook-jobs',
  'database-run',
  'apps-run',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

/**
 * Checks of what a chapter declares in example.json besides the app and its tests (its linter,
 * nginx in the Pod, the assets build, S3, the mail provider, Redis, the database and its hook Jobs, several apps) or of subcharts in
 * .helm/requirements.yaml: they report nothing for a chapter without them.
 */
export const SERVICE_CHECKS: readonly CheckName[] = ['app-lint', 'subchart', 'nginx-config', 'assets-run', 's3-run', 'mail-run', 'redis-run', 'hook-jobs', 'database-run', 'apps-run'];

/** The two builds every chapter ships: werf's own Stapel syntax, and a plain Dockerfile. */
export type Variant = 'stapel' | 'dockerfile';

export const VARIANTS: readonly Variant[] = ['stapel', 'dockerfile'];

/** One finding. `both` marks a check that looked at the two variants together. */
export interface CheckResult {
  chapterDir: string;
  variant: Variant | 'both';
  check: CheckName;
  status: 'pass' | 'fail' | 'skip';
  /** Why it passed, failed or was skipped, in words a reader of the example can act on. */
  message: string;
  /** Relative to chapterDir, e.g. `stapel/.helm/templates/service.yaml`. */
  file?: string;
  /** 1-based. */
  line?: number;
}

/** What a check reports before the runner stamps it with the chapter and check name. */
export type Finding = Omit<CheckResult, 'chapterDir' | 'check'>;
