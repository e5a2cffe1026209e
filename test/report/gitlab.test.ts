import { describe, expect, it } from 'vitest';
import { formatCheckReport } from '../../src/report/check/index.js';
import { EMPTY, expectGoldenText, findingByKey, moved, sampleReport } from './fixture.js';

/**
 * GitLab's documented report format (doc/ci/testing/code_quality.md, "Code Quality report
 * format"): a JSON array whose entries have description, check_name, fingerprint (strings),
 * severity (info | minor | major | critical | blocker), location.path (string) and
 * location.lines.begin (integer); GitLab ignores anything else and rejects a BOM.
 */
const SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

function issues(output: string): Array<Record<string, unknown>> {
  const parsed: unknown = JSON.parse(output);
  expect(Array.isArray(parsed)).toBe(true);
  return parsed as Array<Record<string, unknown>>;
}

function expectDocumentedShape(entry: Record<string, unknown>): void {
  expect(Object.keys(entry).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
  expect(entry).toEqual({
    description: expect.any(String),
    check_name: expect.any(String),
    fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    severity: expect.any(String),
    location: { path: expect.any(String), lines: { begin: expect.any(Number) } },
  });
  expect(SEVERITIES).toContain(entry.severity);
  expect(Number.isInteger((entry.location as { lines: { begin: number } }).lines.begin)).toBe(true);
}

describe('gitlab code quality report', () => {
  it('matches the golden output', () => {
    expectGoldenText('expected.gitlab', formatCheckReport(sampleReport(), 'gitlab'));
  });

  it('is a JSON array without a BOM whose entries have exactly the documented fields', () => {
    const output = formatCheckReport(sampleReport(), 'gitlab');
    expect(output.charCodeAt(0)).not.toBe(0xfeff);
    const entries = issues(output);
    expect(entries).toHaveLength(5);
    for (const entry of entries) expectDocumentedShape(entry);
  });

  it('maps errors to major and warnings to minor', () => {
    const entries = issues(formatCheckReport(sampleReport(), 'gitlab'));
    expect(entries.filter((e) => e.check_name === 'duplicate-heading').map((e) => e.severity)).toEqual(['minor']);
    expect(new Set(entries.filter((e) => e.check_name !== 'duplicate-heading').map((e) => e.severity))).toEqual(new Set(['major']));
  });

  it('leaves silenced findings out', () => {
    const report = sampleReport();
    const silenced = findingByKey(report, 'TODO: проверить <<id>> & ссылки');
    const entries = issues(formatCheckReport(report, 'gitlab'));
    expect(entries.map((e) => e.fingerprint)).not.toContain(silenced.fingerprint);
    expect(entries.map((e) => e.description)).not.toContain(silenced.message);
  });

  it('gives every entry its own fingerprint', () => {
    const fingerprints = issues(formatCheckReport(sampleReport(), 'gitlab')).map((e) => e.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('keeps the fingerprint of a finding moved down 3 lines, and changes it for a different key', () => {
    const report = sampleReport();
    const hole = findingByKey(report, '<<registry_url>>');
    const entryFor = (f: typeof hole) => issues(formatCheckReport({ ...report, findings: [f] }, 'gitlab'))[0]!;
    const before = entryFor(hole);
    const after = entryFor(moved(hole, { line: hole.line + 3, endLine: hole.endLine! + 3 }));
    expect((after.location as { lines: { begin: number } }).lines.begin).toBe(15);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(entryFor(moved(hole, { key: '<<registry_host>>' })).fingerprint).not.toBe(before.fingerprint);
  });

  it('keeps two findings with the same key in one file apart (GitLab would merge them)', () => {
    const report = sampleReport();
    const hole = findingByKey(report, '<<registry_url>>');
    const twice = { ...report, findings: [hole, moved(hole, { line: 90, endLine: 90 })] };
    const [first, second] = issues(formatCheckReport(twice, 'gitlab'));
    expect(first!.fingerprint).toBe(hole.fingerprint);
    expect(second!.fingerprint).not.toBe(first!.fingerprint);
    // Still line-independent: both move, neither fingerprint changes.
    const shifted = { ...report, findings: twice.findings.map((f) => moved(f, { line: f.line + 3 })) };
    expect(issues(formatCheckReport(shifted, 'gitlab')).map((e) => e.fingerprint)).toEqual([first!.fingerprint, second!.fingerprint]);
  });

  it('prints an empty array for a clean run', () => {
    expect(formatCheckReport(EMPTY, 'gitlab')).toBe('[]\n');
  });
});
