import type { Origin } from '../profile/types.js';
import type { HoleMark } from './marks.js';

/** What the page shows for one hole: the same facts, in the same words, as `stackdoc explain`. */
export interface HoleInfo {
  id: string;
  kind: string;
  state: 'filled' | 'unfilled';
  explain: string;
}

export function holeInfo(mark: HoleMark, skeletonFile: string, stack: string): HoleInfo {
  const { hole, resolution: r } = mark;
  const lines = [`${hole.id}  (stack ${stack})`, `  hole: ${skeletonFile}:${hole.line}:${hole.column} (${hole.kind})`];
  if (r.how === 'unfilled') {
    lines.push(`  not filled: ${r.reason}`);
    if (hole.text !== '' && hole.kind !== 'slot') lines.push('  brief:', ...hole.text.split('\n').map((l) => `    ${l}`));
  } else if (r.how === 'removed') {
    lines.push(`  removed: ${hole.kind} hole, ${r.reason}`);
  } else {
    lines.push(`  filled by ${r.how} from layer ${r.origin.layer}: ${where(r.origin)}`);
    lines.push(r.overrode.length === 0 ? '  overrides: nothing' : `  overrides: ${r.overrode.map((o) => `${o.layer} (${where(o)})`).join(', ')}`);
  }
  return { id: hole.id, kind: hole.kind, state: r.how === 'unfilled' ? 'unfilled' : 'filled', explain: lines.join('\n') };
}

export function where(o: Origin): string {
  return o.line !== undefined ? `${o.file}:${o.line}:${o.column}` : o.file;
}
