import { existsSync } from 'node:fs';
import { chaptersOf } from '../emit/examples.js';
import type { CiConfig } from '../verify/gitlab/ci-config.js';
import type { CiJob } from '../verify/gitlab/jobs.js';
import type { RuleContext } from './types.js';

/** One example tree's `.gitlab-ci.yml` as the CI rules read it: parsed, with its jobs resolved. */
export interface CiFile {
  chapter: string;
  variant: 'stapel' | 'dockerfile';
  /** The tree folder (`out/<stack>/examples/<chapter>`), where the tree's other files are. */
  chapterDir: string;
  /** The path findings name: `out/<stack>/examples/<chapter>/<variant>/.gitlab-ci.yml`. */
  file: string;
  config: CiConfig;
  /** Jobs GitLab runs (hidden templates left out), `extends` and `!reference` resolved. */
  jobs: CiJob[];
  /** The line a job's key is written on, for findings. */
  lineOf(path: readonly (string | number)[]): number;
}

/**
 * Every `.gitlab-ci.yml` of the stack's example trees that the build makes and `out/` holds. A
 * file that does not parse is skipped: test-examples' gitlab-ci-schema reports it.
 */
export async function ciFiles({ build, outDir }: Pick<RuleContext, 'build' | 'outDir'>): Promise<CiFile[]> {
  if (build === undefined) return [];
  const { readCiConfig } = await import('../verify/gitlab/ci-config.js');
  const { resolveJobs } = await import('../verify/gitlab/jobs.js');
  const { lineAt } = await import('../verify/yaml-locate.js');
  const slug = build.profile.stack.slug;
  const out: CiFile[] = [];
  for (const chapter of chaptersOf(build.trees)) {
    const chapterDir = `${outDir}/${slug}/examples/${chapter}`;
    for (const variant of ['stapel', 'dockerfile'] as const) {
      if (!build.trees.has(`${chapter}/${variant}/.gitlab-ci.yml`) || !existsSync(`${chapterDir}/${variant}/.gitlab-ci.yml`)) continue;
      const read = await readCiConfig(chapterDir, variant);
      if (read.status !== 'ok') continue;
      const { config } = read;
      const jobs = resolveJobs(config.data).jobs.filter((j) => !j.hidden);
      out.push({
        chapter, variant, chapterDir, file: `${chapterDir}/${variant}/.gitlab-ci.yml`, config, jobs,
        lineOf: (path) => lineAt(config.doc, config.lines, path, true) ?? 1,
      });
    }
  }
  return out;
}
