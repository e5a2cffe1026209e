import { UserError } from '../util/errors.js';

/**
 * Splitting a command's work across GitLab's parallel jobs (`parallel: N`). Every job runs the
 * same command with its own shard and computes the same plan from the same input, so no job has
 * to talk to another: the plan depends only on the units' names and costs. Pure: no I/O here.
 */

/** This job's part of the work: shard `index` (1-based, as GitLab's CI_NODE_INDEX) of `total`. */
export interface Shard {
  index: number;
  total: number;
}

/** One piece of work a shard takes whole: a build, or a chapter tree to test. */
export interface WorkUnit {
  /** Unique and stable across jobs (a build's skeleton and stack, a tree's path under out/). */
  name: string;
  /** What it is expected to cost, in any unit as long as all units of one plan share it (ms). */
  cost: number;
}

const SHARD = /^([1-9][0-9]*)\/([1-9][0-9]*)$/;

/** `--shard INDEX/TOTAL`; `what` names where the text came from, for the message. */
export function parseShard(text: string, what = '--shard'): Shard {
  if (/^\s*0+\s*\/|\/\s*0+\s*$/.test(text)) throw new UserError(`${what} ${text}: INDEX and TOTAL start at 1: the first shard is 1/TOTAL, as GitLab counts CI_NODE_INDEX`);
  const match = SHARD.exec(text.trim());
  if (match === null) throw new UserError(`${what} ${JSON.stringify(text)} is not INDEX/TOTAL; give two whole numbers from 1, as in --shard 2/4`);
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (index > total) throw new UserError(`${what} ${text}: the index is above the total; INDEX goes from 1 to TOTAL, as in --shard ${total}/${total}`);
  return { index, total };
}

/**
 * The shard this run takes: `--shard` when given, else GitLab's CI_NODE_INDEX/CI_NODE_TOTAL, else
 * none (the whole work). GitLab sets CI_NODE_INDEX only in a job with `parallel: N`, while
 * CI_NODE_TOTAL is 1 in every other job, so CI_NODE_INDEX alone decides whether the job is a shard.
 */
export function chooseShard(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Shard | undefined {
  if (flag !== undefined) return parseShard(flag);
  const index = env.CI_NODE_INDEX;
  const total = env.CI_NODE_TOTAL;
  if (index === undefined || index === '') return undefined;
  if (total === undefined || total === '') {
    throw new UserError(`CI_NODE_INDEX is set (${index}) but CI_NODE_TOTAL is not; GitLab sets both in a job with parallel: N: set both, or give --shard INDEX/TOTAL`);
  }
  return parseShard(`${index}/${total}`, 'CI_NODE_INDEX/CI_NODE_TOTAL');
}

/**
 * Greedy longest-processing-time: units from the most to the least costly (ties by name), each
 * to the shard with the least cost so far (ties to the lowest index). It is within 4/3 of the
 * best split and needs no search; ordering by name makes every job compute the same plan.
 * Returns the unit names per shard (index 0 is shard 1), each list in name order.
 */
export function planShards(units: readonly WorkUnit[], total: number): string[][] {
  const names = new Set<string>();
  for (const unit of units) {
    if (names.has(unit.name)) throw new Error(`two work units share the name ${unit.name}`); // a bug in the caller
    names.add(unit.name);
  }
  const shards = Array.from({ length: total }, () => ({ load: 0, names: [] as string[] }));
  const ordered = [...units].sort((a, b) => b.cost - a.cost || compare(a.name, b.name));
  for (const unit of ordered) {
    let best = shards[0]!;
    for (const shard of shards) if (shard.load < best.load) best = shard;
    best.load += unit.cost;
    best.names.push(unit.name);
  }
  return shards.map((s) => s.names.sort(compare));
}

/** The units of `shard`, in the order given; all of them without a shard. */
export function unitsOfShard<T extends WorkUnit>(units: readonly T[], shard: Shard | undefined): T[] {
  if (shard === undefined) return [...units];
  const mine = new Set(planShards(units, shard.total)[shard.index - 1]);
  return units.filter((u) => mine.has(u.name));
}

/** Code-unit order, the same on every machine (not locale order). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
