import type { ReportedFinding } from './types.js';

/**
 * One list from several: the same finding reported twice — by two shards, or by two stacks of one
 * skeleton (a TODO in the skeleton's own text is found by every build of it) — is kept once.
 * "The same" is the fingerprint (rule, file, key) at the same place: one key can be found on
 * several lines of a file (a hole id used twice), and those stay separate findings. Which copy is
 * kept does not depend on the order of the inputs: an error before a warning, a finding that
 * counts before a silenced one, then the message in code-unit order.
 */
export function mergeFindings(lists: readonly (readonly ReportedFinding[])[]): ReportedFinding[] {
  const kept = new Map<string, ReportedFinding>();
  for (const finding of lists.flat()) {
    const id = `${finding.fingerprint}\0${finding.line}\0${finding.column}`;
    const other = kept.get(id);
    if (other === undefined || preferred(finding, other) < 0) kept.set(id, finding);
  }
  return [...kept.values()];
}

function preferred(a: ReportedFinding, b: ReportedFinding): number {
  const rank = (f: ReportedFinding) => (f.severity === 'error' ? 0 : 1) * 2 + (f.silenced === undefined ? 0 : 1);
  return rank(a) - rank(b) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
