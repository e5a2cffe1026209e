import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backupName, isMarked, MARKER } from '../../emit/output-mark.js';
import { LineIndex } from '../../util/lines.js';
import { pathKind } from '../../util/paths.js';
import type { Finding, Rule } from '../types.js';
import { pathFinding } from './util.js';

/**
 * `output-intact`: the stack's output folder is whole: stackdoc's mark, `article.md`, and a
 * `report.json` that reads as a report. A merge conflict in the report, a deleted article or a
 * folder a killed build left behind is a finding of the project's state (exit 1, like stale
 * output), not a failure of the tool: `stackdoc build` puts it right.
 */
export const outputIntact: Rule = {
  id: 'output-intact',
  doc: "The stack's output folder holds stackdoc's mark, the article and a readable report.json.",
  severity: 'error',
  async run({ build, outDir }) {
    if (build === undefined) return [];
    const slug = build.profile.stack.slug;
    const dir = `${outDir}/${slug}`;
    const rebuild = `run \`stackdoc build\` and commit ${outDir}/`;
    const kind = pathKind(dir, true);
    if (kind === 'missing') {
      const backup = join(outDir, backupName(slug));
      const why = pathKind(backup, true) === 'folder'
        ? `a build was killed while replacing it; the previous output is in ${backup}/ and the next \`stackdoc build\` puts it back`
        : rebuild;
      return [pathFinding(this, dir, `${dir}/ is missing; ${why}`, slug)];
    }
    if (kind !== 'folder') return [pathFinding(this, dir, `${dir} is a ${kind === 'symlink' ? 'symbolic link' : 'file'}, not the stack's output folder; move it away, then ${rebuild}`, slug)];
    const findings: Finding[] = [];
    if (!(await isMarked(dir))) {
      findings.push(pathFinding(this, dir, `${dir}/ has no ${MARKER} mark, so \`stackdoc build\` will not replace it; if it is stackdoc's output, \`touch ${dir}/${MARKER}\`, then ${rebuild}`, `${slug}/${MARKER}`));
    }
    const article = `${dir}/article.md`;
    const articleKind = pathKind(article, true);
    if (articleKind !== 'file') findings.push(pathFinding(this, article, `${article} is ${articleKind === 'missing' ? 'missing' : 'not a file'}; ${rebuild}`, `${slug}/article.md`));
    const report = `${dir}/report.json`;
    const reportKind = pathKind(report, true);
    if (reportKind !== 'file') {
      findings.push(pathFinding(this, report, `${report} is ${reportKind === 'missing' ? 'missing' : 'not a file'}; ${rebuild}`, `${slug}/report.json`));
    } else {
      const problem = reportProblem(await readFile(report, 'utf8'));
      if (problem !== undefined) {
        findings.push({ ...pathFinding(this, report, `${report} ${problem.message} (a merge conflict or a hand edit?); ${rebuild}`, `${slug}/report.json`), line: problem.line, column: problem.column });
      }
    }
    return findings;
  },
};

/** Why a report.json is not a stackdoc report, with the place of a JSON syntax error. */
function reportProblem(text: string): { message: string; line: number; column: number } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const { line, column } = at ? new LineIndex(text).position(Number(at[1])) : { line: 1, column: 1 };
    return { message: `is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/ is not valid JSON$/, '')}`, line, column };
  }
  const report = data as { skeleton?: unknown; summary?: unknown } | null;
  if (typeof report !== 'object' || report === null || typeof report.skeleton !== 'string' || typeof report.summary !== 'object' || report.summary === null) {
    return { message: 'is not a stackdoc report (no "skeleton" and "summary")', line: 1, column: 1 };
  }
  return undefined;
}
