import { formatHolesText, toRecord, type FileRecord, type HoleRecord } from '../report/holes.js';
import type { LegacyChoice } from '../skeleton/legacy.js';
import { defaultSkeletons, loadSkeleton } from '../skeleton/load.js';
import { autoChoice } from '../skeleton/skeleton-files.js';
import { UserError } from '../util/errors.js';

export type LegacyFlag = 'on' | 'off' | 'auto';

/** The per-file legacy-hole choice for scan and migrate: the flag, or `auto` (legacy.ts). */
export function legacyChoice(flag: LegacyFlag = 'auto'): (path: string) => LegacyChoice {
  if (flag === 'auto') return autoChoice();
  const choice: LegacyChoice = { force: { on: flag === 'on', why: `--legacy-holes ${flag}` } };
  return () => choice;
}

/** `stackdoc scan`: every hole in the skeletons. Holes are not errors here: exit 0 unless a file is unreadable. */
export async function scanCommand(files: string[], opts: { format: 'text' | 'json'; legacyHoles?: LegacyFlag }): Promise<void> {
  const paths = files.length > 0 ? files : await defaultSkeletons();
  const choose = legacyChoice(opts.legacyHoles);
  const records: HoleRecord[] = [];
  const scanned: FileRecord[] = [];
  let failed = false;
  for (const path of paths) {
    try {
      const skeleton = await loadSkeleton(path, choose(path));
      for (const w of skeleton.warnings) console.error(`${w.file}:${w.line}:${w.column}: warning: ${w.message}`);
      const file = skeleton.source.path;
      for (const h of skeleton.holes) records.push(toRecord(file, h));
      scanned.push({ file, legacyHoles: skeleton.legacy });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      console.error(`stackdoc: ${error.format()}`);
      failed = true;
    }
  }
  process.stdout.write(
    opts.format === 'json'
      ? `${JSON.stringify({ files: scanned, holes: records }, null, 2)}\n`
      : `${formatHolesText(records, { files: scanned })}\n`,
  );
  if (failed) process.exitCode = 2;
}
