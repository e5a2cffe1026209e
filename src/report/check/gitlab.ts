import { createHash } from 'node:crypto';
import type { CheckReport, ReportedFinding, Severity } from '../../check/types.js';
import { active, byPosition } from './order.js';

/**
 * One entry of a GitLab Code Quality report, with exactly the fields GitLab reads. GitLab's
 * "Code Quality report format" (doc/ci/testing/code_quality.md) lists description, check_name,
 * fingerprint, severity, location.path and location.lines.begin (or
 * location.positions.begin.line), and says every other CodeClimate field is ignored.
 */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/** An error blocks the article, a warning does not: GitLab's middle and lower ranks. */
const SEVERITY: Record<Severity, CodeQualityIssue['severity']> = { error: 'major', warning: 'minor' };

/**
 * The `artifacts: reports: codequality` file: a JSON array (no BOM, which GitLab rejects).
 * Silenced findings are left out — the merge request widget has no place for "known, accepted".
 */
export function formatGitlab(report: CheckReport): string {
  const findings = byPosition(active(report.findings));
  const fingerprints = distinct(findings);
  const issues = findings.map((f, i): CodeQualityIssue => ({
    description: f.message,
    check_name: f.rule,
    fingerprint: fingerprints[i]!,
    severity: SEVERITY[f.severity],
    location: { path: f.file, lines: { begin: f.line } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/**
 * GitLab shows findings that share a fingerprint as one entry, so the same key twice in a file
 * (one word used twice) would hide the second. The n-th repeat gets a fingerprint derived from
 * the first and its rank — still independent of line numbers.
 */
function distinct(findings: readonly ReportedFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    return n === 1 ? f.fingerprint : createHash('sha256').update(`${f.fingerprint}\0${n}`).digest('hex');
  });
}
