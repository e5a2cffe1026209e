import type { CheckReport } from '../../check/types.js';
import { UserError } from '../../util/errors.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

/**
 * The reporters of `stackdoc check`: one list of findings, one thin formatter per consumer.
 *
 * - `text`   — a person at a terminal (eslint "stylish" layout)
 * - `json`   — scripts: every finding, silenced ones included
 * - `gitlab` — GitLab Code Quality (`artifacts: reports: codequality`)
 * - `sarif`  — SARIF 2.1.0 (GitHub code scanning, SARIF viewers)
 * - `junit`  — JUnit XML (CI test tabs)
 */
export type CheckFormat = 'text' | 'json' | 'gitlab' | 'sarif' | 'junit';

export interface FormatOptions {
  /** ANSI colour in `text`; off unless asked for, so piped output stays plain. */
  color?: boolean;
  /** `tool.driver.version` in `sarif`. */
  toolVersion?: string;
}

const FORMATTERS: Record<CheckFormat, (report: CheckReport, opts: FormatOptions) => string> = {
  text: formatText,
  json: formatJson,
  gitlab: formatGitlab,
  sarif: formatSarif,
  junit: formatJunit,
};

/** Every format, in the order `--help` lists them. */
export const CHECK_FORMATS = Object.keys(FORMATTERS) as CheckFormat[];

export function formatCheckReport(report: CheckReport, format: CheckFormat, opts: FormatOptions = {}): string {
  // The format usually comes straight from `--format`, so an unknown one is the user's to fix.
  if (!Object.hasOwn(FORMATTERS, format)) throw new UserError(`unknown report format "${String(format)}"; use one of ${CHECK_FORMATS.join(', ')}`);
  return FORMATTERS[format](report, opts);
}

export { fingerprint, withFingerprint } from './fingerprint.js';
