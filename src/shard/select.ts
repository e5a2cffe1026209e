import type { BuildTarget } from '../config.js';
import { UserError } from '../util/errors.js';
import { chooseShard, unitsOfShard, type Shard } from './plan.js';

/** A build has no measured cost yet: builds of one skeleton take about the same time. */
const BUILD_COST = 1;

/** A build's name in the plan: its skeleton and stack as the command line would spell them. */
export function buildUnitName(target: BuildTarget): string {
  return target.stack === undefined ? target.skeleton : `${target.skeleton} --stack ${target.stack}`;
}

/** The shard of this run, from `--shard` or GitLab's CI_NODE_INDEX/CI_NODE_TOTAL. */
export function currentShard(flag: string | undefined): Shard | undefined {
  return chooseShard(flag, process.env);
}

/** The builds this shard makes (all of them without a shard); a build listed twice is refused. */
export function buildsOfShard(targets: readonly BuildTarget[], shard: Shard | undefined): BuildTarget[] {
  const seen = new Set<string>();
  for (const target of targets) {
    const name = buildUnitName(target);
    if (seen.has(name)) throw new UserError(`the build ${name} is listed twice; list each build once in stackdoc.yaml`);
    seen.add(name);
  }
  const units = targets.map((target) => ({ name: buildUnitName(target), cost: BUILD_COST, target }));
  return unitsOfShard(units, shard).map((u) => u.target);
}

/** The line a sharded run starts with, so a job's log says what it took. */
export function shardLine(shard: Shard, taken: number, all: number, what: string): string {
  return `shard ${shard.index}/${shard.total}: ${taken} of ${all} ${what}`;
}
