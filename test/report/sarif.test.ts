import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCheckReport } from '../../src/report/check/index.js';
import { createAjv } from '../../src/verify/ajv.js';
import { EMPTY, expectGoldenText, FIXTURES, sampleReport } from './fixture.js';

/**
 * The official SARIF 2.1.0 schema, committed as test/fixtures/report/sarif-schema-2.1.0.json so
 * the test runs offline. It is the OASIS file Schemata/sarif-schema-2.1.0.json from
 * https://github.com/oasis-tcs/sarif-spec (commit 0a8091f7d4057e57b6d8d9b56129e5f918747b34; its
 * `id` is the errata01 OS schema URL), unmodified. The schema is draft-04, which Ajv 8 has no
 * meta-schema for; the keywords it uses mean the same in draft-07, so we drop `$schema` and
 * read `id` as `$id` in memory.
 */
async function sarifValidator(): Promise<ValidateFunction> {
  const { $schema: _draft04, id, ...schema } = JSON.parse(readFileSync(`${FIXTURES}sarif-schema-2.1.0.json`, 'utf8')) as { $schema: string; id: string };
  const ajv = await createAjv();
  return ajv.compile({ ...schema, $id: id });
}

interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; version?: string; rules: Array<{ id: string; defaultConfiguration: { level: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
      partialFingerprints: Record<string, string>;
      suppressions: Array<{ kind: string; justification?: string }>;
    }>;
  }>;
}

const sarif = (report = sampleReport()) => formatCheckReport(report, 'sarif', { toolVersion: '0.1.0' });

describe('sarif report', () => {
  let validate: ValidateFunction;
  beforeAll(async () => {
    validate = await sarifValidator();
  });

  it('matches the golden output', () => {
    expectGoldenText('expected.sarif', sarif());
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    expect(validate(JSON.parse(sarif())), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(JSON.parse(sarif(EMPTY)))).toBe(true);
  });

  it('the schema check has teeth: a level SARIF does not know fails it', () => {
    const broken = JSON.parse(sarif()) as SarifLog;
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/runs/0/results/0/level', keyword: 'enum' }));
  });

  it('describes the tool and every rule that ran, with its default level', () => {
    const { driver } = (JSON.parse(sarif()) as SarifLog).runs[0]!.tool;
    expect(driver.name).toBe('stackdoc');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r) => [r.id, r.defaultConfiguration.level])).toEqual([
      ['unfilled-hole', 'error'],
      ['todo', 'error'],
      ['duplicate-heading', 'warning'],
    ]);
  });

  it('points each result at its rule, place and fingerprint', () => {
    const report = sampleReport();
    const run = (JSON.parse(sarif(report)) as SarifLog).runs[0]!;
    expect(run.results).toHaveLength(6);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(report.findings.map((f) => f.fingerprint)).toContain(r.partialFingerprints['stackdoc/v1']);
    }
    const cyrillic = run.results.find((r) => r.message.text.startsWith('незаполненный'))!;
    expect(cyrillic.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: `guides/ru/${encodeURIComponent('развёртывание.md')}` },
      region: { startLine: 8, startColumn: 1, endLine: 10, endColumn: 4 },
    });
    expect(decodeURI(cyrillic.locations[0]!.physicalLocation.artifactLocation.uri)).toBe('guides/ru/развёртывание.md');
  });

  it('keeps a silenced finding as an in-source suppression with its reason', () => {
    const results = (JSON.parse(sarif()) as SarifLog).runs[0]!.results;
    const suppressed = results.filter((r) => r.suppressions.length > 0);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions).toEqual([{ kind: 'inSource', justification: 'перевод ещё идёт — see #12 & ask <<owner>>' }]);
  });

  it('leaves the version out when none is given (it is optional in SARIF)', () => {
    const log = JSON.parse(formatCheckReport(sampleReport(), 'sarif')) as SarifLog;
    expect(log.runs[0]!.tool.driver).not.toHaveProperty('version');
    expect(validate(log)).toBe(true);
  });
});
