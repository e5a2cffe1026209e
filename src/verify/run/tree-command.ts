import type { RunManifest } from '../manifest.js';
import type { Finding } from '../types.js';
import { localTestCommand, UnmappedProgramError } from './command.js';
import { runEnvironment, tail } from './environment.js';
import { DependencyInstallError, prepareAppDir } from './node-deps.js';
import { runToEnd } from './processes.js';
import { requireRuntime } from './runtime.js';
import type { AppTarget } from './targets.js';

const TIMEOUT_MS = 120_000;

/** A command of the example's own that runs to its end in the tree: its tests, its linter. */
export interface TreeCommand {
  purpose: 'test' | 'lint';
  command: string[];
  env: Record<string, string>;
  /** What a passing run's output says, in one line. */
  summary(stdout: string): string;
}

/**
 * Runs a tree command where the app's code is (a prepared copy for a Node.js app that pins
 * packages, devDependencies included: the test tools and the linter are among them) and turns
 * the exit code into a finding. Exit 0 passes; anything else fails with the end of the output.
 */
export async function runTreeCommand(example: RunManifest, target: AppTarget, what: TreeCommand, manifestFile: string): Promise<Finding> {
  await requireRuntime(example, target.dir, what.purpose);
  let command;
  try {
    command = localTestCommand(what.command, what.env);
  } catch (error) {
    if (error instanceof UnmappedProgramError) return { variant: target.variant, status: 'fail', message: error.message, file: manifestFile };
    throw error;
  }
  let prepared;
  try {
    prepared = await prepareAppDir(example, target.dir, 'test');
  } catch (error) {
    if (!(error instanceof DependencyInstallError)) throw error;
    return { variant: target.variant, status: 'fail', message: error.message };
  }
  let result;
  try {
    result = await runToEnd(command.program, command.args, { cwd: prepared.dir, env: runEnvironment(command.env), timeoutMs: TIMEOUT_MS });
  } finally {
    await prepared.dispose();
  }
  const shown = what.command.join(' ');
  const out = tail([result.stdout, result.stderr].filter((s) => s.trim() !== '').join('\n'));
  if (result.timedOut) return { variant: target.variant, status: 'fail', message: `${shown} did not finish within ${TIMEOUT_MS / 1000} s\n${out}` };
  if (result.code !== 0) {
    const place = firstPlace(`${result.stdout}\n${result.stderr}`, target);
    return { variant: target.variant, status: 'fail', message: `${shown} failed (exit ${result.code ?? result.signal})\n${out}`, ...place };
  }
  const where = prepared.note ? `${target.note}; ${prepared.note}` : target.note;
  return { variant: target.variant, status: 'pass', message: `${shown}: ${what.summary(result.stdout)} (${where})` };
}

/**
 * The first file of the tree the output names, so the failure points at it: `path:line:col:`
 * (flake8), `path:line:` (a pytest traceback), `ERROR path` (pytest could not collect a file).
 * Relative to the chapter; output that names no relative path gives none.
 */
function firstPlace(output: string, target: AppTarget): { file?: string; line?: number } {
  const m = /^(?:\.\/)?([\w.-][\w./-]*\.[A-Za-z]+):(\d+):/m.exec(output) ?? /^ERROR (?:\.\/)?([\w.-][\w./-]*\.[A-Za-z]+)\b/m.exec(output);
  if (!m) return {};
  const variant = target.variant === 'both' ? 'stapel' : target.variant;
  return { file: `${variant}/${m[1]}`, ...(m[2] !== undefined ? { line: Number(m[2]) } : {}) };
}
