import { chaptersOf } from '../../emit/examples.js';
import type { Finding, Rule } from '../types.js';
import { pathFinding } from './util.js';

/** `both-builders` (checklist 3): every example tree exists as a Stapel build and as a Dockerfile build. */
export const bothBuilders: Rule = {
  id: 'both-builders',
  doc: 'Every example tree exists as a Dockerfile build and as a Stapel build.',
  severity: 'error',
  run({ build, outDir }) {
    if (build === undefined) return [];
    const findings: Finding[] = [];
    const root = `${outDir}/${build.profile.stack.slug}/examples`;
    for (const chapter of chaptersOf(build.trees)) {
      const has = (path: string): boolean => build.trees.has(`${chapter}/${path}`);
      if (!has('stapel/werf.yaml')) findings.push(pathFinding(this, `${root}/${chapter}`, `example ${chapter} has no Stapel build (stapel/werf.yaml)`, `${chapter} stapel`));
      if (!has('dockerfile/werf.yaml') || !has('dockerfile/Dockerfile')) {
        findings.push(pathFinding(this, `${root}/${chapter}`, `example ${chapter} has no Dockerfile build (dockerfile/werf.yaml and dockerfile/Dockerfile)`, `${chapter} dockerfile`));
      }
    }
    return findings;
  },
};
