import { describe, expect, it } from 'vitest';
import { formatCheckReport } from '../../src/report/check/index.js';
import { EMPTY, expectGoldenText, findingByKey, sampleReport } from './fixture.js';

const ESC = /\u001b\[[0-9;]*m/g;

describe('text report', () => {
  it('matches the golden output', () => {
    expectGoldenText('expected.text', formatCheckReport(sampleReport(), 'text'));
  });

  it('groups the findings by file, in line order, one aligned row each', () => {
    const lines = formatCheckReport(sampleReport(), 'text').split('\n');
    const deploy = lines.indexOf('guides/deploy.md');
    expect(lines.slice(deploy + 1, deploy + 6).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['12:5', 'error', 'unfilled value hole <<registry_url>> (no profile sets it & it has no default)', 'unfilled-hole'],
      ['12:30', 'error', 'unfilled value hole <<image_tag>> (no profile sets it & it has no default)', 'unfilled-hole'],
      ['30:3', 'error', 'TODO left in the text: check "werf" & \'helm\' flags', 'todo'],
      ['44:1', 'warning', 'heading "Deploy & verify" repeats the one on line 5', 'duplicate-heading'],
      [''],
    ]);
    // The rule column starts at the same place on every row of a file.
    const rows = lines.slice(deploy + 1, deploy + 5);
    expect(new Set(rows.map((r) => r.lastIndexOf('  ')))).toHaveProperty('size', 1);
  });

  it('ends with a summary that counts errors, warnings and silenced findings', () => {
    const lines = formatCheckReport(sampleReport(), 'text').trimEnd().split('\n');
    expect(lines.at(-1)).toBe('✖ 5 problems (4 errors, 1 warning), 1 silenced');
  });

  it('counts a silenced finding but does not list it', () => {
    const report = sampleReport();
    const silenced = findingByKey(report, 'TODO: проверить <<id>> & ссылки');
    const text = formatCheckReport(report, 'text');
    expect(text).not.toContain(silenced.message);
    expect(text).toContain('guides/ru/развёртывание.md\n  8:1  error  незаполненный раздел');
  });

  it('says "no problems" for a clean run, and still counts what was silenced', () => {
    expect(formatCheckReport(EMPTY, 'text')).toBe('✔ no problems\n');
    const onlySilenced = sampleReport();
    onlySilenced.findings = onlySilenced.findings.filter((f) => f.silenced);
    expect(formatCheckReport(onlySilenced, 'text')).toBe('✔ no problems, 1 silenced\n');
  });

  it('uses singular words for one problem', () => {
    const one = sampleReport();
    one.findings = [findingByKey(one, 'Deploy & verify (2)')];
    expect(formatCheckReport(one, 'text').trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (0 errors, 1 warning)');
  });

  it('prints ANSI colour only when asked, over the same text', () => {
    const plain = formatCheckReport(sampleReport(), 'text');
    const colored = formatCheckReport(sampleReport(), 'text', { color: true });
    expect(plain).not.toMatch(ESC);
    expect(colored).toMatch(ESC);
    expect(colored).toContain('\u001b[31merror  \u001b[0m');
    expect(colored).toContain('\u001b[33mwarning\u001b[0m');
    expect(colored.replace(ESC, '')).toBe(plain);
  });
});
