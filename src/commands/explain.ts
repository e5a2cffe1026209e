import { buildOne } from './build.js';
import { valueAt } from '../profile/load.js';
import type { Origin } from '../profile/types.js';
import { defaultSkeletons } from '../skeleton/load.js';
import { UserError } from '../util/errors.js';

/** `stackdoc explain ID`: what fills a hole, from which layer and file, and what it overrode. */
export async function explainCommand(id: string, skeleton: string | undefined, flags: { stack?: string; profiles: string }): Promise<void> {
  const file = skeleton ?? (await defaultSkeletons())[0]!;
  const result = await buildOne({ skeleton: file, stack: flags.stack }, flags);
  const { profile } = result;
  const holes = [...result.resolutions].filter(([hole]) => hole.id === id);
  const lines: string[] = [`${id}  (stack ${profile.stack.slug}: ${profile.stack.layers.map((l) => l.name).join(' → ')})`];
  if (holes.length > 0) {
    lines.push(`  holes: ${holes.map(([h]) => `${file}:${h.line}:${h.column} (${h.kind})`).join(', ')}`);
    const [hole, r] = holes[0]!;
    if (r.how === 'unfilled') {
      lines.push(`  not filled: ${r.reason}`);
      process.exitCode = 1;
    } else if (r.how === 'removed') {
      lines.push(`  removed: ${hole.kind} hole, ${r.reason}`);
    } else {
      lines.push(`  filled by ${r.how} from layer ${r.origin.layer}: ${where(r.origin)}`);
      lines.push(r.overrode.length === 0 ? '  overrides: nothing' : `  overrides: ${r.overrode.map((o) => `${o.layer} (${where(o)})`).join(', ')}`);
      lines.push('  text:', ...indent(r.text));
    }
  } else {
    const value = valueAt(profile.values, id);
    const origins = profile.provenance.get(id) ?? profile.sections.get(id);
    if (origins === undefined) {
      throw new UserError(`no hole, value or section "${id}" in ${file} for stack ${profile.stack.slug}; \`stackdoc scan ${file}\` lists the hole ids`);
    }
    lines.push(`  no hole in ${file} uses it`);
    lines.push(`  set by layer ${origins.at(-1)!.layer}: ${where(origins.at(-1)!)}`);
    if (origins.length > 1) lines.push(`  overrides: ${origins.slice(0, -1).map((o) => `${o.layer} (${where(o)})`).join(', ')}`);
    if (value !== undefined) lines.push('  value:', ...indent(typeof value === 'string' ? value : JSON.stringify(value)));
  }
  console.log(lines.join('\n'));
}

function where(o: Origin): string {
  return o.line !== undefined ? `${o.file}:${o.line}:${o.column}` : o.file;
}

function indent(text: string): string[] {
  return text.split('\n').map((l) => `    ${l}`);
}
