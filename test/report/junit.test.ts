import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatCheckReport } from '../../src/report/check/index.js';
import { EMPTY, expectGoldenText, findingByKey, sampleReport } from './fixture.js';

interface Case {
  classname: string;
  name: string;
  failure?: { message: string; type: string; '#text': string };
  skipped?: { message: string };
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  skipped: string;
  testcase: Case[];
}
interface Doc {
  testsuites: { name: string; tests: string; failures: string; skipped: string; testsuite: Suite[] };
}

/** Parse as a CI server would: attributes kept, entities decoded, lists always lists. */
function parse(xml: string): Doc {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  return parser.parse(xml) as Doc;
}

describe('junit report', () => {
  it('matches the golden output', () => {
    expectGoldenText('expected.junit', formatCheckReport(sampleReport(), 'junit'));
  });

  it('is well-formed XML with a suite per rule and the right totals', () => {
    const { testsuites } = parse(formatCheckReport(sampleReport(), 'junit'));
    expect(testsuites.name).toBe('stackdoc check');
    expect(testsuites.testsuite.map((s) => [s.name, s.tests, s.failures, s.skipped])).toEqual([
      ['unfilled-hole', '4', '3', '0'],
      ['todo', '3', '1', '1'],
      ['duplicate-heading', '3', '1', '0'],
    ]);
    const cases = testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(10);
    expect(cases.filter((c) => c.failure)).toHaveLength(5);
    expect([testsuites.tests, testsuites.failures, testsuites.skipped]).toEqual(['10', '5', '1']);
  });

  it('fails a case per finding, named by file, line and key, typed by severity', () => {
    const { testsuites } = parse(formatCheckReport(sampleReport(), 'junit'));
    const headings = testsuites.testsuite.find((s) => s.name === 'duplicate-heading')!;
    expect(headings.testcase[0]).toEqual({
      classname: 'duplicate-heading',
      name: 'guides/deploy.md:44 Deploy & verify (2)',
      failure: {
        message: 'heading "Deploy & verify" repeats the one on line 5',
        type: 'warning',
        '#text': 'guides/deploy.md:44:1 heading "Deploy & verify" repeats the one on line 5',
      },
    });
  });

  it('passes each checked file a rule found nothing in', () => {
    const { testsuites } = parse(formatCheckReport(sampleReport(), 'junit'));
    const passed = (rule: string) =>
      testsuites.testsuite.find((s) => s.name === rule)!.testcase.filter((c) => !c.failure && !c.skipped).map((c) => c.name);
    expect(passed('unfilled-hole')).toEqual(['guides/index.md']);
    expect(passed('duplicate-heading')).toEqual(['guides/index.md', 'guides/ru/развёртывание.md']);
  });

  it('skips a silenced finding with its reason', () => {
    const { testsuites } = parse(formatCheckReport(sampleReport(), 'junit'));
    const skipped = testsuites.testsuite.flatMap((s) => s.testcase).filter((c) => c.skipped);
    expect(skipped).toEqual([
      { classname: 'todo', name: 'guides/ru/развёртывание.md:21 TODO: проверить <<id>> & ссылки', skipped: { message: 'перевод ещё идёт — see #12 & ask <<owner>>' } },
    ]);
  });

  it('escapes <<, & and quotes so every message reads back exactly', () => {
    const report = sampleReport();
    const xml = formatCheckReport(report, 'junit');
    expect(xml).toContain('&lt;&lt;registry_url&gt;&gt;');
    expect(xml).toContain('&amp;');
    expect(xml).toContain('&quot;werf&quot;');
    expect(xml).not.toMatch(/<<|"werf"|& /);
    const failures = parse(xml).testsuites.testsuite.flatMap((s) => s.testcase).flatMap((c) => (c.failure ? [c.failure.message] : []));
    expect(failures.sort()).toEqual(report.findings.filter((f) => !f.silenced).map((f) => f.message).sort());
  });

  it('stays well-formed when a message carries characters XML forbids, or reads "true"', () => {
    const report = sampleReport();
    const hole = findingByKey(report, '<<registry_url>>');
    report.findings = [{ ...hole, message: 'colour \u001b[31mred\u001b[0m and a NUL \u0000' }, { ...hole, line: 13, key: 'other', message: 'true' }];
    const { testsuites } = parse(formatCheckReport(report, 'junit'));
    const [first, second] = testsuites.testsuite[0]!.testcase;
    expect(first!.failure!.message).toBe('colour \uFFFD[31mred\uFFFD[0m and a NUL \uFFFD');
    expect(second!.failure!.message).toBe('true');
  });

  it('is a valid, empty suite list for a clean run', () => {
    const { testsuites } = parse(formatCheckReport(EMPTY, 'junit'));
    expect([testsuites.tests, testsuites.failures]).toEqual(['0', '0']);
  });
});
