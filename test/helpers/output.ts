import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFiles } from '../../src/util/files.js';
import { ROOT } from './cli.js';

/** A copy of the shipped project (skeleton, profiles, stackdoc.yaml): two stacks, ~340 files to write. */
export function shippedProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stackdoc-out-'));
  for (const part of ['seeds', 'profiles', 'stackdoc.yaml']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

/** Every file under `dir` with its bytes, for comparing two output folders whole. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of await listFiles(dir)) files.set(path, readFileSync(join(dir, path), 'latin1'));
  return files;
}
