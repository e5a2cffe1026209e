import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CheckReport, ReportedFinding } from '../../src/check/types.js';
import { fingerprint } from '../../src/report/check/index.js';

/** test/fixtures/report/: the sample report, its golden outputs and the SARIF schema. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/report/', import.meta.url));

/**
 * The sample report: 6 findings in 2 of 3 checked files, 3 rules, one warning, one silenced,
 * Cyrillic text and the characters XML must escape (`<<id>>`, `&`, quotes). A fresh copy each
 * call, so a test may change it.
 */
export function sampleReport(): CheckReport {
  return JSON.parse(readFileSync(`${FIXTURES}findings.json`, 'utf8')) as CheckReport;
}

export const EMPTY: CheckReport = { findings: [], rules: [], files: [] };

/** A finding of the sample report, picked by its key. */
export function findingByKey(report: CheckReport, key: string): ReportedFinding {
  const found = report.findings.find((f) => f.key === key);
  if (found === undefined) throw new Error(`no finding with key ${key} in the sample report`);
  return found;
}

/** The same finding after an edit elsewhere in the file; its fingerprint recomputed, as `check` would. */
export function moved(f: ReportedFinding, change: Partial<ReportedFinding>): ReportedFinding {
  const next = { ...f, ...change };
  return { ...next, fingerprint: fingerprint(next) };
}

/**
 * Compares a reporter's output byte for byte with `expected.<format>` (a text twin of
 * test/helpers/golden.ts, same rules): a missing golden file is written for review, `UPDATE=1`
 * rewrites them on purpose, and in CI either is a failure rather than a silent rewrite.
 */
export function expectGoldenText(name: string, actual: string): void {
  const path = `${FIXTURES}${name}`;
  if (process.env.UPDATE === '1' || !existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file ${path} is missing or being rewritten in CI; run the tests with UPDATE=1 locally`);
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
