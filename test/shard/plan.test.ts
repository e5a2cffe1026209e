import { describe, expect, it } from 'vitest';
import { chooseShard, parseShard, planShards, unitsOfShard, type WorkUnit } from '../../src/shard/plan.js';
import { UserError } from '../../src/util/errors.js';

const units = (costs: Record<string, number>): WorkUnit[] => Object.entries(costs).map(([name, cost]) => ({ name, cost }));

describe('parseShard', () => {
  it('reads INDEX/TOTAL, 1-based', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
  });

  it.each(['0/4', '5/4', '2', '2/', '/4', 'a/b', '1.5/4', '-1/4', '2/0', ''])('refuses %j with a usage error', (text) => {
    expect(() => parseShard(text)).toThrow(UserError);
  });

  it('says what to give', () => {
    expect(() => parseShard('5/4')).toThrow(/index is above the total.*--shard 4\/4/);
    expect(() => parseShard('x')).toThrow(/not INDEX\/TOTAL.*--shard 2\/4/);
  });
});

describe('chooseShard', () => {
  it('prefers --shard over the environment', () => {
    expect(chooseShard('1/2', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' })).toEqual({ index: 1, total: 2 });
  });

  it("takes GitLab's parallel: variables when --shard is not given", () => {
    expect(chooseShard(undefined, { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '5' })).toEqual({ index: 3, total: 5 });
  });

  it('is no shard without CI_NODE_INDEX: GitLab sets CI_NODE_TOTAL=1 in every job without parallel:', () => {
    expect(chooseShard(undefined, {})).toBeUndefined();
    expect(chooseShard(undefined, { CI_NODE_TOTAL: '1' })).toBeUndefined();
  });

  it('refuses CI_NODE_INDEX without CI_NODE_TOTAL, and bad values, naming the variables', () => {
    expect(() => chooseShard(undefined, { CI_NODE_INDEX: '1' })).toThrow(/CI_NODE_INDEX is set \(1\) but CI_NODE_TOTAL is not/);
    expect(() => chooseShard(undefined, { CI_NODE_INDEX: '4', CI_NODE_TOTAL: '3' })).toThrow(/CI_NODE_INDEX\/CI_NODE_TOTAL 4\/3/);
  });
});

describe('planShards', () => {
  it('puts every unit in exactly one shard', () => {
    const all = units({ a: 5, b: 3, c: 3, d: 2, e: 2, f: 1, g: 9 });
    const plan = planShards(all, 3);
    expect(plan.flat().sort()).toEqual(all.map((u) => u.name).sort());
  });

  it('balances by cost, longest first (LPT)', () => {
    // 9 alone; 5+2+1 = 8; 3+3+2 = 8
    const plan = planShards(units({ a: 5, b: 3, c: 3, d: 2, e: 2, f: 1, g: 9 }), 3);
    const cost = (names: string[]) => names.reduce((n, name) => n + ({ a: 5, b: 3, c: 3, d: 2, e: 2, f: 1, g: 9 } as Record<string, number>)[name]!, 0);
    expect(plan.map(cost).sort()).toEqual([8, 8, 9]);
    expect(plan[0]).toEqual(['g']);
  });

  it('breaks ties by name, so the order units are listed in does not matter', () => {
    const all = units({ x: 1, a: 1, m: 1, b: 1, k: 1 });
    expect(planShards(all, 2)).toEqual([['a', 'k', 'x'], ['b', 'm']]);
    expect(planShards([...all].reverse(), 2)).toEqual(planShards(all, 2));
  });

  it('leaves shards empty when there are fewer units than shards', () => {
    expect(planShards(units({ a: 1 }), 3)).toEqual([['a'], [], []]);
  });

  it('refuses two units of one name (every shard must see the same units)', () => {
    expect(() => planShards([...units({ a: 1 }), ...units({ a: 2 })], 2)).toThrow(/two work units/);
  });
});

describe('unitsOfShard', () => {
  it('returns every unit without a shard, and the union of all shards is the whole', () => {
    const all = units({ c: 4, a: 2, b: 2, d: 1 });
    expect(unitsOfShard(all, undefined)).toEqual(all);
    const parts = [1, 2, 3].map((index) => unitsOfShard(all, { index, total: 3 }));
    expect(parts.flat().map((u) => u.name).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(parts[0]!.map((u) => u.name)).toEqual(['c']);
  });
});
