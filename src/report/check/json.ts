import type { CheckReport, ReportedFinding } from '../../check/types.js';
import { byPosition } from './order.js';

/**
 * The findings as data, for scripts: every finding, silenced ones included (with their
 * `silenced` reason), in reading order, each object with its keys in one fixed order so two runs
 * diff cleanly.
 */
export function formatJson(report: CheckReport): string {
  return `${JSON.stringify(byPosition(report.findings).map(normalized), null, 2)}\n`;
}

/** Rebuilt field by field, not spread: optional fields land in a fixed place, stray ones stay out. */
function normalized(f: ReportedFinding): ReportedFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    ...(f.endLine !== undefined && { endLine: f.endLine }),
    ...(f.endColumn !== undefined && { endColumn: f.endColumn }),
    key: f.key,
    fingerprint: f.fingerprint,
    ...(f.silenced !== undefined && { silenced: { reason: f.silenced.reason } }),
  };
}
