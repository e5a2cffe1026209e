import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Compares `actual` with a golden JSON file. A missing golden file is written (then reviewed by
 * hand and committed); `UPDATE=1` rewrites them all on purpose, never by accident.
 */
export function expectGolden(path: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE === '1' || !existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file ${path} is missing; run the tests with UPDATE=1 locally`);
    writeFileSync(path, text);
    return;
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

/** As expectGolden, for a text file compared byte for byte (a migrated skeleton, an article). */
export function expectGoldenText(path: string, actual: string): void {
  if (process.env.UPDATE === '1' || !existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file ${path} is missing; run the tests with UPDATE=1 locally`);
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
