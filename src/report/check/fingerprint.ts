import { createHash } from 'node:crypto';
import type { Finding, ReportedFinding } from '../../check/types.js';

/**
 * The stable identity of a finding: sha256 of rule, file and key, never the line. A line inserted
 * above a finding moves it but keeps its fingerprint, so GitLab and code scanning do not show it
 * as fixed plus new. The NUL separator keeps `a` + `b/c` apart from `a/b` + `c`.
 */
export function fingerprint(f: Pick<Finding, 'rule' | 'file' | 'key'>): string {
  return createHash('sha256').update(`${f.rule}\0${f.file}\0${f.key}`).digest('hex');
}

/** A finding as reporters receive it: the same data plus its fingerprint. */
export function withFingerprint(f: Finding): ReportedFinding {
  return { ...f, fingerprint: fingerprint(f) };
}
