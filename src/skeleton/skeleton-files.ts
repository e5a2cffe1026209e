import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_FILE_NAME, SEEDS_DIR } from './load.js';
import type { LegacyChoice } from './legacy.js';

/**
 * The `auto` legacy-hole choice for a file `scan` or `migrate` is given: it is a skeleton of
 * this project when it is in seeds/ or a build in stackdoc.yaml names it. A stackdoc.yaml that
 * cannot be read is ignored here (`build` reports it); scanning never depends on it.
 */
export function autoChoice(): (path: string) => LegacyChoice {
  const listed = new Set<string>();
  try {
    if (existsSync(CONFIG_FILE_NAME)) {
      const data = parse(readFileSync(CONFIG_FILE_NAME, 'utf8')) as { builds?: Array<{ skeleton?: unknown }> } | null;
      for (const build of Array.isArray(data?.builds) ? data.builds : []) {
        if (typeof build?.skeleton === 'string') listed.add(resolve(build.skeleton));
      }
    }
  } catch {
    // not a readable config: nothing is listed by it
  }
  const seeds = resolve(SEEDS_DIR);
  return (path) => {
    const full = resolve(path);
    if (listed.has(full)) return { auto: true, listedIn: CONFIG_FILE_NAME };
    const rel = relative(seeds, full);
    if (rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.includes(sep)) return { auto: true, listedIn: `${SEEDS_DIR}/` };
    return { auto: true };
  };
}
