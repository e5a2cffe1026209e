import type { Check } from '../chapter.js';
import { MANIFEST_FILE } from '../manifest.js';
import { localTestCommand, UnmappedProgramError } from '../run/command.js';
import { runEnvironment, tail } from '../run/environment.js';
import { DependencyInstallError, prepareAppDir } from '../run/node-deps.js';
import { runToEnd } from '../run/processes.js';
import { requireRuntime } from '../run/runtime.js';
import { appTargets } from '../run/targets.js';
import type { Finding } from '../types.js';

const TEST_TIMEOUT_MS = 120_000;

/**
 * app-tests: the example's own tests (example.json test.command: pytest, node --test) run on
 * this machine with run.env, as the app runs. Exit 0 passes. pytest runs without its cache
 * plugin and Python without bytecode files, so the tree stays as emitted.
 */
export const appTestsCheck: Check = {
  async run(chapter) {
    const manifest = await chapter.manifest();
    if (!manifest.ok) return [{ variant: 'both', status: 'fail', message: manifest.error, file: MANIFEST_FILE }];
    const example = manifest.manifest;
    if (!example.test) return [{ variant: 'both', status: 'skip', message: 'example.json has no test.command', file: MANIFEST_FILE }];
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) {
      await requireRuntime(example, target.dir, 'test');
      let command;
      try {
        command = localTestCommand(example.test.command, example.run.env);
      } catch (error) {
        if (error instanceof UnmappedProgramError) return [{ variant: target.variant, status: 'fail', message: error.message, file: MANIFEST_FILE }];
        throw error;
      }
      let prepared;
      try {
        prepared = await prepareAppDir(example, target.dir, 'test');
      } catch (error) {
        if (!(error instanceof DependencyInstallError)) throw error;
        findings.push({ variant: target.variant, status: 'fail', message: error.message });
        continue;
      }
      let result;
      try {
        result = await runToEnd(command.program, command.args, { cwd: prepared.dir, env: runEnvironment(command.env), timeoutMs: TEST_TIMEOUT_MS });
      } finally {
        await prepared.dispose();
      }
      const shown = example.test.command.join(' ');
      const out = tail([result.stdout, result.stderr].filter((s) => s.trim() !== '').join('\n'));
      if (result.timedOut) findings.push({ variant: target.variant, status: 'fail', message: `${shown} did not finish within ${TEST_TIMEOUT_MS / 1000} s\n${out}` });
      else if (result.code !== 0) findings.push({ variant: target.variant, status: 'fail', message: `${shown} failed (exit ${result.code ?? result.signal})\n${out}` });
      else findings.push({ variant: target.variant, status: 'pass', message: `${shown}: ${summary(result.stdout)} (${prepared.note ? `${target.note}; ${prepared.note}` : target.note})` });
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
