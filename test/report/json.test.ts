import { describe, expect, it } from 'vitest';
import type { ReportedFinding } from '../../src/check/types.js';
import { formatCheckReport } from '../../src/report/check/index.js';
import { EMPTY, expectGoldenText, sampleReport } from './fixture.js';

describe('json report', () => {
  it('matches the golden output', () => {
    expectGoldenText('expected.json', formatCheckReport(sampleReport(), 'json'));
  });

  it('holds every finding, silenced ones with their reason, unchanged', () => {
    const report = sampleReport();
    const out = JSON.parse(formatCheckReport(report, 'json')) as ReportedFinding[];
    expect(out).toHaveLength(report.findings.length);
    expect(out).toEqual(expect.arrayContaining(report.findings));
    expect(out.filter((f) => f.silenced)).toEqual([expect.objectContaining({ silenced: { reason: 'перевод ещё идёт — see #12 & ask <<owner>>' } })]);
  });

  it('lists findings by file, line, column, rule — whatever order the rules produced them in', () => {
    const report = sampleReport();
    const forward = formatCheckReport(report, 'json');
    report.findings.reverse();
    expect(formatCheckReport(report, 'json')).toBe(forward);
    const places = (JSON.parse(forward) as ReportedFinding[]).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
    expect(places).toEqual([
      'guides/deploy.md:12:5 unfilled-hole',
      'guides/deploy.md:12:30 unfilled-hole',
      'guides/deploy.md:30:3 todo',
      'guides/deploy.md:44:1 duplicate-heading',
      'guides/ru/развёртывание.md:8:1 unfilled-hole',
      'guides/ru/развёртывание.md:21:1 todo',
    ]);
  });

  it('prints an empty array for a clean run', () => {
    expect(formatCheckReport(EMPTY, 'json')).toBe('[]\n');
  });
});
