import { authoringBlockAt } from '../../fill/authoring.js';
import type { Hole } from '../../skeleton/types.js';
import type { Finding, Rule, RuleContext } from '../types.js';

/** Whether a skeleton offset lies in an authoring-only block, which the reader never sees. */
export function forAuthors(ctx: Pick<RuleContext, 'authoring'>, offset: number | undefined): boolean {
  return offset !== undefined && authoringBlockAt(ctx.authoring, offset) !== undefined;
}

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
