import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeFindings } from '../../src/check/merge.js';
import type { ReportedFinding } from '../../src/check/types.js';
import { stackdoc } from '../helpers/cli.js';
import { expectGoldenText } from '../helpers/golden.js';
import { manyStacks } from '../helpers/many-stacks.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/check-merge');
const FORMATS = ['text', 'json', 'gitlab', 'sarif', 'junit'] as const;
const merge = (reports: string[], ...rest: string[]) => stackdoc(['check', ...rest, '--merge', ...reports], FIXTURES);
const read = (name: string): ReportedFinding[] => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as ReportedFinding[];

describe('check --merge', () => {
  it.each(FORMATS)('merges the shards, each finding once, as %s', (format) => {
    const run = merge(['shard-1.json', 'shard-2.json', 'shard-3.json'], '--format', format);
    expect(run.code, run.stderr).toBe(1); // errors remain
    expect(run.stderr).toContain('merged 3 reports: 4 findings');
    expectGoldenText(join(FIXTURES, `expected.${format}`), run.stdout);
    // the order of the reports does not matter
    expect(merge(['shard-3.json', 'shard-2.json', 'shard-1.json'], '--format', format).stdout).toBe(run.stdout);
  });

  it('keeps one copy of a finding found twice, and the finding itself unchanged', () => {
    const merged = JSON.parse(merge(['shard-1.json', 'shard-2.json'], '--format', 'json').stdout) as ReportedFinding[];
    const todo = read('shard-1.json').find((f) => f.rule === 'todo' && f.silenced === undefined)!;
    expect(merged.filter((f) => f.fingerprint === todo.fingerprint)).toEqual([todo]);
    expect(new Set(merged.map((f) => f.fingerprint)).size).toBe(merged.length);
  });

  it('exits 0 when only warnings and silenced findings remain', () => {
    const run = merge(['warnings-1.json', 'warnings-2.json'], '--format', 'json');
    expect(JSON.parse(run.stdout)).toHaveLength(2);
    expect(run.code).toBe(0);
  });

  it.each([
    ['corrupt.json', /^stackdoc: corrupt\.json:10:20: not valid JSON \(\w+\); the report is cut short or damaged/],
    ['missing-field.json', /^stackdoc: missing-field\.json:12:3: finding 2 lacks fingerprint: not a stackdoc check report/],
    ['gitlab.json', /^stackdoc: gitlab\.json:1:1: this is a GitLab Code Quality report .*check --format json/],
    ['no-such-report.json', /^stackdoc: no-such-report\.json: cannot read the report \(no such file\)/],
  ])('refuses %s with its place and what to give (exit 2), printing no report', (bad, message) => {
    const run = merge(['shard-1.json', bad]);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it('refuses --merge with --shard', () => {
    const run = merge(['shard-1.json'], '--shard', '1/2');
    expect(run.stderr).toMatch(/--merge and --shard do not go together/);
    expect(run.code).toBe(2);
  });
});

describe('mergeFindings', () => {
  it('keeps a key found on two lines as two findings', () => {
    const [hole] = read('shard-1.json');
    const elsewhere = { ...hole!, line: hole!.line + 10 };
    expect(mergeFindings([[hole!], [elsewhere, hole!]])).toHaveLength(2);
  });

  it('keeps the error when shards disagree on the severity, whatever the order', () => {
    const [hole] = read('shard-1.json');
    const warning = { ...hole!, severity: 'warning' as const };
    expect(mergeFindings([[warning], [hole!]])).toEqual([hole]);
    expect(mergeFindings([[hole!], [warning]])).toEqual([hole]);
  });
});

describe('check --shard, then --merge', () => {
  // A project of 5 stacks: each build finds the skeleton's own TODO and hole and its own untested tree.
  it.each(FORMATS)('gives the unsharded report byte for byte (%s)', (format) => {
    const dir = manyStacks(5);
    expect(stackdoc(['build'], dir).code).toBe(0);
    const whole = stackdoc(['check', '--format', format], dir);
    expect(whole.code).toBe(1);
    const reports: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const shard = stackdoc(['check', '--format', 'json', '--output', `shard-${i}.json`], dir, { CI_NODE_INDEX: String(i), CI_NODE_TOTAL: '3' });
      expect(shard.stderr).toMatch(new RegExp(`shard ${i}/3: \\d of 5 builds`));
      reports.push(`shard-${i}.json`);
    }
    const merged = stackdoc(['check', '--format', format, '--merge', ...reports], dir);
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.code).toBe(whole.code);
    if (format === 'json') expect((JSON.parse(whole.stdout) as unknown[]).length).toBe(2 + 5); // shared findings once, a tree per stack
  });
});
