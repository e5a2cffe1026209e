import type { Check } from '../chapter.js';
import { MANIFEST_FILE } from '../manifest.js';
import { appTargets } from '../run/targets.js';
import { runTreeCommand } from '../run/tree-command.js';
import type { Finding } from '../types.js';

/**
 * app-tests: the example's own tests (example.json test.command: pytest, node --test) run on
 * this machine, with run.env as the app runs, or with test.env when the example says how its
 * tests run (the CI test job runs the image with none of the chart's settings). Exit 0 passes.
 * pytest runs without its cache plugin and Python without bytecode files, so the tree stays as
 * emitted.
 */
export const appTestsCheck: Check = {
  async run(chapter) {
    const manifest = await chapter.manifest();
    if (!manifest.ok) return [{ variant: 'both', status: 'fail', message: manifest.error, file: MANIFEST_FILE }];
    const example = manifest.manifest;
    if (!example.test) return [{ variant: 'both', status: 'skip', message: 'example.json has no test.command', file: MANIFEST_FILE }];
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) {
      const what = { purpose: 'test' as const, command: example.test.command, env: example.test.env ?? example.run.env, summary };
      findings.push(await runTreeCommand(example, target, what, MANIFEST_FILE));
    }
    return findings;
  },
};

/** pytest's "1 passed in 0.1s" or node --test's "# pass 1", else the last line. */
function summary(stdout: string): string {
  const lines = stdout.trim().split('\n').map((line) => line.trim());
  const counted = lines.filter((line) => /\b\d+ passed\b|^# (pass|fail) \d+$/.test(line));
  return counted.length > 0 ? counted.join(', ') : lines.pop() || 'exit 0';
}
