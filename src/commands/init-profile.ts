import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LayerKind } from '../profile/types.js';
import { LAYER_KINDS, planLayer } from '../scaffold/plan.js';
import { defaultSkeletons, loadSkeleton } from '../skeleton/load.js';
import { UserError } from '../util/errors.js';

interface InitProfileFlags {
  kind: string;
  profiles: string;
  force?: boolean;
}

const NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/**
 * `stackdoc init-profile LAYER --kind KIND [SKELETON]`: scaffolds a new layer from what the
 * skeleton asks. It never overwrites a file: an existing layer is refused, and `--force` adds
 * only the files that are missing, listing them.
 */
export async function initProfileCommand(layer: string, skeletonArg: string | undefined, flags: InitProfileFlags): Promise<void> {
  if (!NAME.test(layer)) throw new UserError(`layer name "${layer}": use lower-case words separated by / (e.g. go or go/gin)`);
  if (!LAYER_KINDS.includes(flags.kind as LayerKind)) throw new UserError(`--kind ${flags.kind}: one of ${LAYER_KINDS.join(', ')}`);
  if (!existsSync(flags.profiles)) throw new UserError(`no profiles folder at ${flags.profiles}; pass --profiles DIR`);
  const dir = join(flags.profiles, layer);
  if (existsSync(dir) && !flags.force) {
    throw new UserError(`layer ${layer} exists (${dir}); nothing is overwritten: pass --force to add only the files it lacks`);
  }
  const file = skeletonArg ?? (await defaultSkeletons())[0]!;
  const skeleton = await loadSkeleton(file);
  const plan = planLayer(flags.profiles, layer, flags.kind as LayerKind, skeleton);

  const added: string[] = [];
  for (const [path, text] of plan.files) {
    const target = join(dir, path);
    if (existsSync(target)) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text, { flag: 'wx' }); // wx: fail rather than replace a file that appeared meanwhile
    added.push(path);
  }
  const sections = added.filter((p) => p.startsWith('sections/')).length;
  const examples = added.filter((p) => p.startsWith('examples/')).length;
  if (flags.force && existsSync(dir) && added.length === 0) {
    console.log(`${dir}: nothing missing, nothing added`);
    return;
  }
  console.log(`${dir}: ${flags.force ? 'added' : 'created'} ${added.length} file${added.length === 1 ? '' : 's'} (stack ${plan.layers.join(' → ')})`);
  for (const path of added.filter((p) => !p.startsWith('sections/') && !p.startsWith('examples/'))) console.log(`  ${dir}/${path}`);
  if (sections > 0) console.log(`  ${dir}/sections/: ${sections} brief${sections === 1 ? '' : 's'} to write (each holds its brief as an author's note)`);
  if (examples > 0) console.log(`  ${dir}/examples/: ${examples} example file${examples === 1 ? '' : 's'} to write (lower layers' templates need values this stack has not set)`);
  if (flags.force) for (const path of added) console.log(`  added ${dir}/${path}`);
  if (plan.answered.length > 0) console.log(`  answered by lower layers: ${plan.answered.map((a) => `${a.id} (${a.layer})`).join(', ')}`);
  console.log(`next: stackdoc build ${file} --stack ${layer}, then stackdoc scan / stackdoc check list what is left`);
}
