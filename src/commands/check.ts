import { existsSync, readFileSync } from 'node:fs';
import { checkSkeleton } from '../check/run.js';
import { RULES } from '../check/rules/index.js';
import type { CheckReport, ReportedFinding } from '../check/types.js';
import { fingerprint, formatCheckReport, type CheckFormat } from '../report/check/index.js';
import { defaultSkeletons, loadSkeleton } from '../skeleton/load.js';
import { UserError } from '../util/errors.js';
import { assertFileTarget, assertFolderOrMissing, pathKind } from '../util/paths.js';
import { writeFileAtomic } from '../util/write.js';

export const DEFAULT_BASELINE = '.stackdoc-baseline.json';

interface CheckFlags {
  stack?: string;
  format: CheckFormat;
  output?: string;
  out: string;
  profiles: string;
  baseline?: string;
  writeBaseline?: string | boolean;
}

/** `stackdoc check`: the CI gate. Exit 0 clean, 1 error findings (not silenced, not in the baseline), 2 tool failure. */
export async function checkCommand(skeletons: string[], flags: CheckFlags): Promise<void> {
  // Wrong kinds of paths fail before the work, not after it.
  if (flags.output !== undefined) assertFileTarget(flags.output, '--output');
  if (flags.writeBaseline !== undefined && flags.writeBaseline !== false) {
    assertFileTarget(typeof flags.writeBaseline === 'string' ? flags.writeBaseline : DEFAULT_BASELINE, '--write-baseline');
  }
  if (flags.baseline !== undefined && pathKind(flags.baseline) === 'folder') throw new UserError(`--baseline ${flags.baseline} is a folder; give the baseline file (written by \`stackdoc check --write-baseline\`)`);
  assertFolderOrMissing(flags.out, '--out');
  const files = skeletons.length > 0 ? skeletons : await defaultSkeletons();
  const findings: ReportedFinding[] = [];
  for (const file of files) {
    const skeleton = await loadSkeleton(file);
    for (const f of await checkSkeleton({ skeleton, stack: flags.stack, outDir: flags.out, profilesDir: flags.profiles })) {
      findings.push({ ...f, fingerprint: fingerprint(f) });
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));

  if (flags.writeBaseline !== undefined && flags.writeBaseline !== false) {
    const path = typeof flags.writeBaseline === 'string' ? flags.writeBaseline : DEFAULT_BASELINE;
    const entries = findings.filter((f) => !f.silenced).map(({ fingerprint: fp, rule, file, key }) => ({ fingerprint: fp, rule, file, key }));
    await writeFileAtomic(path, `${JSON.stringify({ findings: entries }, null, 2)}\n`);
    console.error(`${path}: baseline of ${entries.length} findings written; check with --baseline ${path}`);
    return;
  }
  const known = flags.baseline !== undefined ? readBaseline(flags.baseline) : new Set<string>();
  const fresh = findings.filter((f) => !known.has(f.fingerprint));
  const report: CheckReport = { findings: fresh, rules: RULES.map(({ id, doc, severity }) => ({ id, doc, severity })), files };
  const text = formatCheckReport(report, flags.format, { color: flags.output === undefined && process.stdout.isTTY });
  if (flags.output !== undefined) await writeFileAtomic(flags.output, text.endsWith('\n') ? text : `${text}\n`);
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (known.size > 0) console.error(`${findings.length - fresh.length} findings are in the baseline ${flags.baseline} and do not fail the gate`);
  if (fresh.some((f) => f.severity === 'error' && !f.silenced)) process.exitCode = 1;
}

function readBaseline(path: string): Set<string> {
  if (!existsSync(path)) throw new UserError('no such baseline file; write one with `stackdoc check --write-baseline`', path);
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { findings: Array<{ fingerprint: string }> };
    return new Set(data.findings.map((f) => f.fingerprint));
  } catch {
    throw new UserError('not a stackdoc baseline (expected {"findings": [{"fingerprint": …}]})', path, 1, 1);
  }
}
