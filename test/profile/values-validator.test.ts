import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
// @ts-expect-error: a plain JavaScript build script, without types
import { GENERATED, validatorSource } from '../../scripts/values-validator.js';

test('the generated values validator is the one values-schema.json gives (run `npm run gen` after editing the schema)', () => {
  expect(readFileSync(GENERATED, 'utf8') === validatorSource()).toBe(true);
});
