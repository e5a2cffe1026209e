import type { LegacyRule } from '../skeleton/legacy.js';
import type { Hole, HoleKind } from '../skeleton/types.js';

export const KINDS: readonly HoleKind[] = ['slot', 'value', 'brief', 'conditional', 'todo'];

/** A hole as scan's JSON and the build report print it: 1-based positions, no offsets. */
export interface HoleRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: HoleKind;
  id: string;
  text: string;
  chapter: string;
  context: string;
  syntax: Hole['syntax'];
  condition?: string;
}

/** A scanned file and the rule that decided whether its `{{…}}` are holes. */
export interface FileRecord {
  file: string;
  legacyHoles: LegacyRule;
}

export function toRecord(file: string, hole: Hole): HoleRecord {
  const record: HoleRecord = {
    file, line: hole.line, column: hole.column, endLine: hole.endLine, endColumn: hole.endColumn,
    kind: hole.kind, id: hole.id, text: hole.text, chapter: hole.chapter.join(' › '),
    context: hole.context.node + (hole.context.lang ? ` (${hole.context.lang})` : ''), syntax: hole.syntax,
  };
  if (hole.condition !== undefined) record.condition = hole.condition;
  return record;
}

/**
 * Linter-style listing grouped by file and chapter, then counts per kind. Given the scanned
 * files, each one gets a header line saying whether its `{{…}}` were read as holes, and why,
 * files without findings included.
 */
export function formatHolesText(
  records: readonly HoleRecord[],
  extra: { files: number | readonly FileRecord[]; reason?: (r: HoleRecord) => string | undefined },
): string {
  const out: string[] = [];
  let file: string | undefined;
  let chapter: string | undefined;
  const files = typeof extra.files === 'number' ? undefined : extra.files;
  const header = (name: string): string => {
    const rule = files?.find((f) => f.file === name)?.legacyHoles;
    return rule === undefined ? name : `${name}  (legacy {{…}} holes ${rule.on ? 'on' : 'off'}: ${rule.why})`;
  };
  const withHoles = new Set(records.map((r) => r.file));
  const printQuiet = (upTo: string | undefined): void => {
    // Files before `upTo` in the scanned order that have no findings still say their rule.
    if (files === undefined) return;
    while (quiet < files.length && files[quiet]!.file !== upTo) {
      const f = files[quiet++]!;
      if (withHoles.has(f.file)) continue;
      if (out.length > 0) out.push('');
      out.push(header(f.file));
    }
    if (quiet < files.length) quiet++;
  };
  let quiet = 0;
  for (const r of records) {
    if (r.file !== file) {
      printQuiet(r.file);
      if (out.length > 0) out.push('');
      out.push(header(r.file));
      file = r.file;
      chapter = undefined;
    }
    if (r.chapter !== chapter) {
      out.push(`  ${r.chapter || '(before the first heading)'}`);
      chapter = r.chapter;
    }
    const where = `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
    const why = extra.reason?.(r);
    out.push(`    ${where}  ${r.kind.padEnd(11)}  ${r.id}  ${oneLine(r.text)}${why ? `  (${why})` : ''}`);
  }
  printQuiet(undefined);
  if (out.length > 0) out.push('');
  out.push(summary(records, files?.length ?? (extra.files as number)));
  return out.join('\n');
}

export function summary(records: readonly HoleRecord[], files: number): string {
  const counts = KINDS.map((k) => `${records.filter((r) => r.kind === k).length} ${k}`).join(', ');
  const noun = records.length === 1 ? 'finding' : 'findings';
  return `${records.length} ${noun} in ${files} file${files === 1 ? '' : 's'}: ${counts}`;
}

function oneLine(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
