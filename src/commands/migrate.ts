import { loadSkeleton } from '../skeleton/load.js';
import { migrate } from '../skeleton/migrate.js';
import { writeFileAtomic } from '../util/write.js';

/** `stackdoc migrate FILE [-o OUT]`: legacy holes → canonical, every other byte unchanged. */
export async function migrateCommand(file: string, opts: { output?: string }): Promise<void> {
  const skeleton = await loadSkeleton(file);
  for (const w of skeleton.warnings) console.error(`${w.file}:${w.line}:${w.column}: warning: ${w.message}`);
  const text = (skeleton.source.bom ? '\uFEFF' : '') + migrate(skeleton);
  if (opts.output === undefined) process.stdout.write(text);
  else {
    await writeFileAtomic(opts.output, text);
    const n = skeleton.holes.filter((h) => h.syntax === 'legacy').length;
    console.error(`${opts.output}: ${n} legacy holes rewritten as <<…>>`);
  }
}
