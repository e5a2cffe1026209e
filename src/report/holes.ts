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

export function toRecord(file: string, hole: Hole): HoleRecord {
  const record: HoleRecord = {
    file, line: hole.line, column: hole.column, endLine: hole.endLine, endColumn: hole.endColumn,
    kind: hole.kind, id: hole.id, text: hole.text, chapter: hole.chapter.join(' › '),
    context: hole.context.node + (hole.context.lang ? ` (${hole.context.lang})` : ''), syntax: hole.syntax,
  };
  if (hole.condition !== undefined) record.condition = hole.condition;
  return record;
}

/** Linter-style listing grouped by file and chapter, then counts per kind. */
export function formatHolesText(records: readonly HoleRecord[], extra: { files: number; reason?: (r: HoleRecord) => string | undefined }): string {
  const out: string[] = [];
  let file: string | undefined;
  let chapter: string | undefined;
  for (const r of records) {
    if (r.file !== file) {
      if (file !== undefined) out.push('');
      out.push(r.file);
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
  if (records.length > 0) out.push('');
  out.push(summary(records, extra.files));
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
