import type { Check } from '../chapter.js';
import { MANIFEST_FILE } from '../manifest.js';
import { appTargets } from '../run/targets.js';
import { runTreeCommand } from '../run/tree-command.js';
import type { Finding } from '../types.js';

/**
 * app-lint: the example's linter (example.json lint.command: flake8 from Debian, ESLint from
 * the tree's own devDependencies) over the tree, with the settings in the tree (.flake8,
 * eslint.config.js). A linter reports by its exit code: 0 is clean, anything else lists what it
 * found, which the failure shows.
 */
export const appLintCheck: Check = {
  async run(chapter) {
    const manifest = await chapter.manifest();
    if (!manifest.ok) return [{ variant: 'both', status: 'fail', message: manifest.error, file: MANIFEST_FILE }];
    const example = manifest.manifest;
    if (!example.lint) return []; // a chapter without a linter: nothing to report (see SERVICE_CHECKS)
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) {
      const what = { purpose: 'lint' as const, command: example.lint.command, env: example.test?.env ?? example.run.env, summary: () => 'no problems found' };
      findings.push(await runTreeCommand(example, target, what, MANIFEST_FILE));
    }
    return findings;
  },
};

