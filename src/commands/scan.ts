import { formatHolesText, toRecord, type HoleRecord } from '../report/holes.js';
import { defaultSkeletons, loadSkeleton } from '../skeleton/load.js';
import { UserError } from '../util/errors.js';

/** `stackdoc scan`: every hole in the skeletons. Holes are not errors here: exit 0 unless a file is unreadable. */
export async function scanCommand(files: string[], opts: { format: 'text' | 'json' }): Promise<void> {
  const paths = files.length > 0 ? files : await defaultSkeletons();
  const records: HoleRecord[] = [];
  let failed = false;
  let scanned = 0;
  for (const path of paths) {
    try {
      const skeleton = await loadSkeleton(path);
      for (const w of skeleton.warnings) console.error(`${w.file}:${w.line}:${w.column}: warning: ${w.message}`);
      records.push(...skeleton.holes.map((h) => toRecord(path, h)));
      scanned++;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      console.error(`stackdoc: ${error.format()}`);
      failed = true;
    }
  }
  process.stdout.write(opts.format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : `${formatHolesText(records, { files: scanned })}\n`);
  if (failed) process.exitCode = 2;
}
