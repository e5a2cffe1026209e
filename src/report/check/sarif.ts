import type { CheckReport, ReportedFinding, Rule } from '../../check/types.js';
import { byPosition } from './order.js';

/** The schema URL editors and SARIF viewers resolve: SchemaStore's copy of the OASIS 2.1.0 schema. */
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Our fingerprint's name in `partialFingerprints`; the version lets us change the recipe later. */
const FINGERPRINT_NAME = 'stackdoc/v1';

type RuleInfo = Pick<Rule, 'id' | 'doc' | 'severity'>;

/**
 * A SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers: one run, the rules that ran
 * as `tool.driver.rules`, every finding as a result. Silenced findings stay in with an `inSource`
 * suppression (the `stackdoc-disable-next-line` comment), so viewers show them as suppressed
 * rather than lose them. `informationUri` is left out until the project has a public home page.
 */
export function formatSarif(report: CheckReport, opts: { toolVersion?: string } = {}): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'stackdoc',
            ...(opts.toolVersion !== undefined ? { version: opts.toolVersion } : {}),
            rules: report.rules.map(descriptor),
          },
        },
        results: byPosition(report.findings).map((f) => result(f, ruleIndex.get(f.rule))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function descriptor(rule: RuleInfo) {
  const short = firstSentence(rule.doc);
  return {
    id: rule.id,
    shortDescription: { text: short },
    ...(short !== rule.doc ? { fullDescription: { text: rule.doc } } : {}),
    defaultConfiguration: { level: rule.severity },
  };
}

function result(f: ReportedFinding, ruleIndex: number | undefined) {
  return {
    ruleId: f.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: f.severity,
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(f.file) }, region: region(f) } }],
    partialFingerprints: { [FINGERPRINT_NAME]: f.fingerprint },
    // In SARIF an empty list says "not suppressed"; leaving the property out would mean "unknown".
    suppressions: f.silenced !== undefined ? [{ kind: 'inSource', justification: f.silenced.reason }] : [],
  };
}

/** SARIF lines and columns start at 1; a finding about a whole file may carry 0. */
function region(f: ReportedFinding) {
  return {
    startLine: Math.max(1, f.line),
    startColumn: Math.max(1, f.column),
    ...(f.endLine !== undefined ? { endLine: Math.max(1, f.endLine) } : {}),
    ...(f.endColumn !== undefined ? { endColumn: Math.max(1, f.endColumn) } : {}),
  };
}

/**
 * A repository-relative path as a relative URI reference: each segment percent-encoded, so a
 * space, `#` or a Cyrillic file name stays part of the path.
 */
function toUri(file: string): string {
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

/** The rule doc up to its first full stop followed by a new sentence; short docs stay whole. */
function firstSentence(doc: string): string {
  const match = /^(.+?[.!?])\s+\p{Lu}/su.exec(doc.trim());
  return match ? match[1]! : doc.trim();
}
