import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chartFullname, CHART_FACTS, versionProblem } from '../../src/verify/helm/chart-facts.js';
import { conditionValue, parseRequirements } from '../../src/verify/helm/requirements.js';
import { FIXTURES } from './helpers.js';

/**
 * Each folder in fixtures/verify/requirements holds a requirements.yaml and expect.json: the
 * dependencies read from it (`requirements`, the fields given) and every problem, by line and a
 * part of its message.
 */
interface Expectation {
  requirements: Record<string, unknown>[];
  problems: { line: number; includes: string }[];
}

const DIR = join(FIXTURES, 'requirements');

describe.each(readdirSync(DIR).sort())('requirements.yaml: %s', (name) => {
  test('reads the dependencies and reports each problem at its line', () => {
    const expected = JSON.parse(readFileSync(join(DIR, name, 'expect.json'), 'utf8')) as Expectation;
    const read = parseRequirements(readFileSync(join(DIR, name, 'requirements.yaml'), 'utf8'));
    expect(read.requirements.length).toBe(expected.requirements.length);
    expected.requirements.forEach((want, i) => expect(read.requirements[i]).toMatchObject(want));
    expect(read.problems.map((p) => p.line)).toEqual(expected.problems.map((p) => p.line));
    expected.problems.forEach((want, i) => expect(read.problems[i]!.message).toContain(want.includes));
  });
});

describe('the charts\' naming rules', () => {
  test('fullname: the release plus the chart name, the release alone when it holds the name, or fullnameOverride', () => {
    expect(chartFullname('werf-guide-flask-stage', 'redis', {})).toBe('werf-guide-flask-stage-redis');
    expect(chartFullname('redis-stage', 'redis', {})).toBe('redis-stage');
    expect(chartFullname('werf-guide-flask-stage', 'redis', { nameOverride: 'cache' })).toBe('werf-guide-flask-stage-cache');
    expect(chartFullname('werf-guide-flask-stage', 'redis', { fullnameOverride: 'redis' })).toBe('redis');
    expect(chartFullname(`${'a'.repeat(60)}-x`, 'redis', {})).toBe(`${'a'.repeat(60)}-x`); // cut to 63, then the trailing dash dropped
    expect(CHART_FACTS.redis!.service.of('werf-guide-flask-stage-redis')).toBe('werf-guide-flask-stage-redis-master');
  });

  test('a chart version Helm 2 cannot install, or one the rules do not cover, is named', () => {
    expect(versionProblem(CHART_FACTS.redis!, '11.3.4')).toBeUndefined();
    expect(versionProblem(CHART_FACTS.redis!, '12.1.1')).toContain('apiVersion v2');
    expect(versionProblem(CHART_FACTS.redis!, '6.4.5')).toContain('hold for >=7.0.0 <14.0.0');
  });

  test('condition: the first path holding a boolean decides; none leaves the subchart on', () => {
    expect(conditionValue({ redis: { enabled: false } }, ['redis.enabled'])).toEqual({ enabled: false, path: 'redis.enabled' });
    expect(conditionValue({ cache: { on: true } }, ['redis.enabled', 'cache.on'])).toEqual({ enabled: true, path: 'cache.on' });
    expect(conditionValue({}, ['redis.enabled'])).toEqual({ enabled: true });
  });
});
