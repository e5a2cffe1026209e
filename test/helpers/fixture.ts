import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Copies a fixture folder into a fresh temp folder (optionally with an overlay folder on top). */
export function copyFixture(dir: string, overlay?: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'stackdoc-'));
  cpSync(dir, tmp, { recursive: true });
  if (overlay !== undefined && existsSync(overlay)) cpSync(overlay, tmp, { recursive: true });
  return tmp;
}
