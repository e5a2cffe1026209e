import { describe, expect, it } from 'vitest';
import { CHECK_FORMATS, formatCheckReport, type CheckFormat } from '../../src/report/check/index.js';
import { UserError } from '../../src/util/errors.js';
import { EMPTY, sampleReport } from './fixture.js';

describe('formatCheckReport', () => {
  it('offers the five formats', () => {
    expect(CHECK_FORMATS).toEqual(['text', 'json', 'gitlab', 'sarif', 'junit']);
  });

  it.each(CHECK_FORMATS)('%s: prints a clean run and the sample report, ending with a newline', (format) => {
    for (const report of [EMPTY, sampleReport()]) expect(formatCheckReport(report, format)).toMatch(/\n$/);
  });

  it('does not reorder or change the report it is given', () => {
    const report = sampleReport();
    const before = structuredClone(report);
    for (const format of CHECK_FORMATS) formatCheckReport(report, format);
    expect(report).toEqual(before);
  });

  it('names the valid formats when given an unknown one', () => {
    expect(() => formatCheckReport(EMPTY, 'html' as CheckFormat)).toThrow(UserError);
    expect(() => formatCheckReport(EMPTY, 'html' as CheckFormat)).toThrow('unknown report format "html"; use one of text, json, gitlab, sarif, junit');
  });
});
