import type { Hole } from '../../skeleton/types.js';
import type { Finding, Rule } from '../types.js';

/** A finding at a hole's place, keyed by its id (stable when lines move). */
export function holeFinding(rule: Rule, file: string, hole: Hole, message: string): Finding {
  return {
    rule: rule.id, severity: rule.severity, message, file,
    line: hole.line, column: hole.column, endLine: hole.endLine, endColumn: hole.endColumn, key: hole.id,
  };
}

/** A finding about a whole file or folder (an example tree): line 1, keyed by the path. */
export function pathFinding(rule: Rule, file: string, message: string, key = file): Finding {
  return { rule: rule.id, severity: rule.severity, message, file, line: 1, column: 1, key };
}
