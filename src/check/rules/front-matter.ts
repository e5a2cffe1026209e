import type { Finding, Rule } from '../types.js';

/** Keys every skeleton's front-matter needs to choose its stack. */
const REQUIRED = ['language', 'framework', 'ci'];

/**
 * `front-matter`: the keys that choose the stack are present, every `*_chosen` is in its
 * `*_possible` list and has a profile. The stack resolution's own error is reported here.
 */
export const frontMatter: Rule = {
  id: 'front-matter',
  doc: 'The front-matter names language, framework and ci; every *_chosen is in its *_possible list and has a profile.',
  severity: 'error',
  run({ skeleton, buildError }) {
    const file = skeleton.source.path;
    const fm = skeleton.frontMatter;
    const findings: Finding[] = [];
    const at = (key: string): { line: number; column: number } => fm?.keys[key] ?? { line: 1, column: 1 };
    for (const key of REQUIRED) {
      if (fm === undefined || fm.data[key] === undefined || fm.data[key] === '') {
        findings.push({ rule: this.id, severity: this.severity, file, ...at(key), key, message: `front-matter has no ${key}; add \`${key}: …\`` });
      }
    }
    if (buildError !== undefined) {
      const key = /^(\w+):/.exec(buildError.message)?.[1] ?? 'stack';
      findings.push({
        rule: this.id, severity: this.severity, file, key,
        line: buildError.line ?? 1, column: buildError.column ?? 1, message: buildError.message,
      });
    }
    return findings;
  },
};
