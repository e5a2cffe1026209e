import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { scanFixture } from '../helpers/scan.js';

// Each folder under test/fixtures/scan is one case: input.md and the reviewed expected.json.
const root = join(import.meta.dirname, '../fixtures/scan');

describe('scan fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const dir = join(root, name);
      expectGolden(join(dir, 'expected.json'), scanFixture(join(dir, 'input.md'), 'input.md'));
    });
  }
});
