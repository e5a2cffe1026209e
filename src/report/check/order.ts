import type { ReportedFinding } from '../../check/types.js';

/**
 * Findings in reading order: file, line, column, rule (then key, so two findings at one place
 * still come out the same way every run). Every reporter prints this order, so golden files and
 * CI diffs stay stable whatever order the rules ran in.
 */
export function byPosition(findings: readonly ReportedFinding[]): ReportedFinding[] {
  return [...findings].sort(
    (a, b) =>
      compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.key, b.key),
  );
}

/** Code-unit order, not locale order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The findings that count: silenced ones stay in the report but fail nothing. */
export function active(findings: readonly ReportedFinding[]): ReportedFinding[] {
  return findings.filter((f) => f.silenced === undefined);
}
