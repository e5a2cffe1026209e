import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, withFingerprint } from '../../src/report/check/index.js';
import { sampleReport } from './fixture.js';

const base = { rule: 'todo', severity: 'error' as const, message: 'TODO left', file: 'guides/deploy.md', line: 30, column: 3, key: 'TODO: x' };

describe('fingerprint', () => {
  it('is the sha256 of rule, file and key joined by NUL', () => {
    expect(fingerprint(base)).toBe(createHash('sha256').update('todo\0guides/deploy.md\0TODO: x').digest('hex'));
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('survives the finding moving, rewording or changing severity', () => {
    const elsewhere = { ...base, line: 33, column: 9, endLine: 34, message: 'TODO left (reworded)', severity: 'warning' as const };
    expect(fingerprint(elsewhere)).toBe(fingerprint(base));
  });

  it('changes with the rule, the file or the key', () => {
    const fp = fingerprint(base);
    expect(fingerprint({ ...base, rule: 'unfilled-hole' })).not.toBe(fp);
    expect(fingerprint({ ...base, file: 'guides/index.md' })).not.toBe(fp);
    expect(fingerprint({ ...base, key: 'TODO: y' })).not.toBe(fp);
  });

  it('keeps field boundaries: moving a character from file to key is a different finding', () => {
    expect(fingerprint({ rule: 'r', file: 'a/b', key: 'c' })).not.toBe(fingerprint({ rule: 'r', file: 'a', key: 'b/c' }));
  });

  it('matches the fingerprints stored in the sample report', () => {
    for (const f of sampleReport().findings) expect(withFingerprint(f).fingerprint).toBe(f.fingerprint);
  });
});
