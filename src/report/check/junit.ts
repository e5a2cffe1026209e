import { XMLBuilder } from 'fast-xml-parser';
import type { CheckReport, ReportedFinding } from '../../check/types.js';
import { byPosition } from './order.js';

/** A `<testcase>` as XMLBuilder sees it: `@_` marks attributes. */
interface TestCase {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  skipped?: { '@_message': string };
}

/**
 * JUnit XML for CI test tabs (GitLab `reports: junit`, Jenkins): a suite per rule, a failing
 * case per finding, a skipped case per silenced finding, and a passing case per checked file the
 * rule found nothing in — so a rule that passes shows up as passed, not as absent.
 */
export function formatJunit(report: CheckReport): string {
  const findings = byPosition(report.findings);
  // Rules that ran, then any rule a finding names that the list missed: no finding is dropped.
  const rules = [...new Set([...report.rules.map((r) => r.id), ...findings.map((f) => f.rule)])];
  const suites = rules.map((rule) => {
    const mine = findings.filter((f) => f.rule === rule);
    const files = new Set(mine.map((f) => f.file));
    const cases: TestCase[] = [
      ...mine.map((f) => testCase(f)),
      ...report.files.filter((file) => !files.has(file)).map((file) => ({ '@_classname': rule, '@_name': file })),
    ];
    return {
      '@_name': rule,
      '@_tests': cases.length,
      '@_failures': cases.filter((c) => c.failure).length,
      '@_errors': 0,
      '@_skipped': cases.filter((c) => c.skipped).length,
      testcase: cases,
    };
  });
  const total = (key: '@_tests' | '@_failures' | '@_skipped'): number => suites.reduce((n, s) => n + s[key], 0);
  return builder().build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'stackdoc check',
      '@_tests': total('@_tests'),
      '@_failures': total('@_failures'),
      '@_errors': 0,
      '@_skipped': total('@_skipped'),
      testsuite: suites,
    },
  });
}

function testCase(f: ReportedFinding): TestCase {
  const name = { '@_classname': f.rule, '@_name': `${f.file}:${f.line} ${f.key}` };
  if (f.silenced !== undefined) return { ...name, skipped: { '@_message': f.silenced.reason } };
  return { ...name, failure: { '@_message': f.message, '@_type': f.severity, '#text': `${f.file}:${f.line}:${f.column} ${f.message}` } };
}

/**
 * The library escapes `<`, `&` and quotes; what it cannot escape are the control characters
 * XML 1.0 forbids outright (a stray ESC from a terminal message), so those become U+FFFD.
 * `suppressBooleanAttributes: false`, or a message that reads "true" would lose its value.
 */
function builder(): XMLBuilder {
  return new XMLBuilder({
    ignoreAttributes: false,
    format: true,
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
    tagValueProcessor: (_name, value) => xmlChars(value),
    attributeValueProcessor: (_name, value) => xmlChars(value),
  });
}

/** C0 controls other than tab, LF and CR, and the two non-characters: not allowed anywhere in XML 1.0. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlChars(value: unknown): string {
  return String(value).replace(FORBIDDEN, '\uFFFD');
}
