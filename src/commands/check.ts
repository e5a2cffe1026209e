import { existsSync, readFileSync } from 'node:fs';
import { buildTargets, type BuildTarget } from '../config.js';
import { mergeFindings } from '../check/merge.js';
import { checkSkeleton } from '../check/run.js';
import { RULES } from '../check/rules/index.js';
import type { CheckReport, ReportedFinding } from '../check/types.js';
import { fingerprint, formatCheckReport, type CheckFormat } from '../report/check/index.js';
import { readJsonReport } from '../report/check/read-json.js';
import { buildsOfShard, currentShard, shardLine } from '../shard/select.js';
import { defaultSkeletons, loadSkeleton } from '../skeleton/load.js';
import type { Skeleton } from '../skeleton/parse.js';
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
  /** INDEX/TOTAL: check only this shard's builds (default: GitLab's CI_NODE_INDEX/CI_NODE_TOTAL). */
  shard?: string;
  /** Check nothing: merge these `--format json` reports of shards into one report. */
  merge?: string[];
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
  if (flags.merge !== undefined && flags.shard !== undefined) throw new UserError('--merge and --shard do not go together: shards write the reports, --merge combines all of them in one job');
  const all = await checkTargets(skeletons, flags.stack);
  // The files every build reads, whichever shard checks it: JUnit lists a passing case per file.
  const files = [...new Set(all.map((t) => t.skeleton))];
  let findings: ReportedFinding[];
  if (flags.merge !== undefined) {
    findings = mergeFindings(await Promise.all(flags.merge.map((path) => readJsonReport(path))));
    console.error(`merged ${flags.merge.length} report${flags.merge.length === 1 ? '' : 's'}: ${findings.length} finding${findings.length === 1 ? '' : 's'}`);
  } else {
    // GitLab's parallel: jobs set CI_NODE_INDEX/CI_NODE_TOTAL; a merge job runs without parallel:.
    const shard = currentShard(flags.shard);
    const targets = buildsOfShard(all, shard);
    if (shard !== undefined) console.error(shardLine(shard, targets.length, all.length, all.length === 1 ? 'build' : 'builds'));
    const lists: ReportedFinding[][] = [];
    // builds of one skeleton for several stacks judge one parse of it
    const parsed = new Map<string, Promise<Skeleton>>();
    for (const target of targets) {
      if (!parsed.has(target.skeleton)) parsed.set(target.skeleton, loadSkeleton(target.skeleton));
      const skeleton = await parsed.get(target.skeleton)!;
      lists.push((await checkSkeleton({ skeleton, stack: target.stack, outDir: flags.out, profilesDir: flags.profiles })).map((f) => ({ ...f, fingerprint: fingerprint(f) })));
    }
    findings = mergeFindings(lists);
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

/**
 * The builds `check` judges: the skeletons given (or those in seeds/) with --stack, or, with
 * neither, the builds stackdoc.yaml lists, as `build` makes them. These are the units of --shard.
 */
async function checkTargets(skeletons: string[], stack: string | undefined): Promise<BuildTarget[]> {
  if (skeletons.length === 0 && stack === undefined) return buildTargets();
  return (skeletons.length > 0 ? skeletons : await defaultSkeletons()).map((skeleton) => ({ skeleton, stack }));
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
