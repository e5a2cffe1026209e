import { loadSkeleton } from '../skeleton/load.js';
import { migrate } from '../skeleton/migrate.js';
import { assertFileTarget } from '../util/paths.js';
import { writeFileAtomic } from '../util/write.js';
import { legacyChoice, type LegacyFlag } from './scan.js';

/** `stackdoc migrate FILE [-o OUT]`: legacy holes → canonical, every other byte unchanged. */
export async function migrateCommand(file: string, opts: { output?: string; legacyHoles?: LegacyFlag }): Promise<void> {
  if (opts.output !== undefined) assertFileTarget(opts.output, '-o');
  const skeleton = await loadSkeleton(file, legacyChoice(opts.legacyHoles)(file));
  for (const w of skeleton.warnings) console.error(`${w.file}:${w.line}:${w.column}: warning: ${w.message}`);
  const text = (skeleton.source.bom ? '\uFEFF' : '') + migrate(skeleton);
  const n = skeleton.holes.filter((h) => h.syntax === 'legacy').length;
  const rule = `legacy holes ${skeleton.legacy.on ? 'on' : 'off'}: ${skeleton.legacy.why}`;
  if (opts.output === undefined) {
    process.stdout.write(text);
    console.error(`${file}: ${n} legacy holes rewritten as <<…>> (${rule})`);
  } else {
    await writeFileAtomic(opts.output, text);
    console.error(`${opts.output}: ${n} legacy holes rewritten as <<…>> (${rule})`);
  }
}
