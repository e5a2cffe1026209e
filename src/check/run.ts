import { buildStack, type BuildResult } from '../build.js';
import type { Skeleton } from '../skeleton/parse.js';
import { findAuthoringBlocks } from '../fill/authoring.js';
import { UserError } from '../util/errors.js';
import { RULES } from './rules/index.js';
import { applySilencers, findSilencers } from './silence.js';
import type { Finding, RuleContext } from './types.js';

export interface CheckInput {
  skeleton: Skeleton;
  stack?: string;
  outDir: string;
  profilesDir: string;
}

/**
 * Builds the skeleton in memory and runs every rule over the skeleton, the built article and the
 * example trees. A stack that does not resolve is a finding of `front-matter`, not a crash; the
 * rules that need the build then have nothing to say.
 */
export async function checkSkeleton(input: CheckInput): Promise<Finding[]> {
  // Broken authoring markers are bad input, as for build: exit 2 with the marker's place.
  const authoring = findAuthoringBlocks(input.skeleton);
  let build: BuildResult | undefined;
  let buildError: RuleContext['buildError'];
  try {
    build = buildStack(input.skeleton, { profilesDir: input.profilesDir, stack: input.stack });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // Only the skeleton's own front-matter problems are findings; a broken profile is a tool error.
    if (error.file !== input.skeleton.source.path) throw error;
    buildError = { message: error.message, line: error.line, column: error.column };
  }
  const ctx: RuleContext = { skeleton: input.skeleton, build, buildError, outDir: input.outDir, profilesDir: input.profilesDir, authoring };
  const findings: Finding[] = [];
  for (const rule of RULES) findings.push(...(await rule.run(ctx)));
  applySilencers(findings, findSilencers(input.skeleton.source.path, input.skeleton.source.text));
  return findings;
}
