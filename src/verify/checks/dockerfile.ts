import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chapter, Check } from '../chapter.js';
import { baseImages } from '../docker/dockerfile.js';
import { unpinnedBecause } from '../image-ref.js';
import type { Finding, Variant } from '../types.js';

/** LSP DiagnosticSeverity.Error, which dockerfile-utils reports for what `docker build` rejects. */
const SEVERITY_ERROR = 1;

/**
 * dockerfile: every Dockerfile a variant builds, through dockerfile-utils validate() (any
 * error-severity diagnostic fails), plus the rule werf-schema applies to `from`: base images
 * pinned to a tag other than latest. The Dockerfile cannot be built here (no Docker engine).
 */
export const dockerfileCheck: Check = {
  async run(chapter) {
    const { validate } = await import('dockerfile-utils');
    const findings: Finding[] = [];
    for (const variant of chapter.variants()) {
      for (const file of await dockerfilesOf(chapter, variant)) {
        const text = await readFile(join(chapter.dir, file), 'utf8');
        const failures: Finding[] = [];
        for (const diagnostic of validate(text)) {
          if (diagnostic.severity !== SEVERITY_ERROR) continue;
          const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
          failures.push({ variant, status: 'fail', message, file, line: diagnostic.range.start.line + 1 });
        }
        for (const base of baseImages(text)) {
          const why = unpinnedBecause(base.reference);
          if (why) failures.push({ variant, status: 'fail', message: `FROM ${why}`, file, line: base.line });
        }
        findings.push(...(failures.length > 0 ? failures : [{ variant, status: 'pass' as const, message: 'Dockerfile is valid and its base images are pinned', file }]));
      }
    }
    return findings;
  },
};

/** The Dockerfiles werf.yaml builds from, and a Dockerfile at the variant's root. */
async function dockerfilesOf(chapter: Chapter, variant: Variant): Promise<string[]> {
  const files = new Set<string>();
  const werf = await chapter.werf(variant);
  if (werf.status === 'ok') {
    for (const doc of werf.config.docs) {
      if (typeof doc.data.dockerfile !== 'string') continue;
      const context = typeof doc.data.context === 'string' ? doc.data.context : '.';
      const file = join(variant, context, doc.data.dockerfile);
      if (existsSync(join(chapter.dir, file))) files.add(file); // a missing one is werf-schema's finding
    }
  }
  if (existsSync(join(chapter.dir, variant, 'Dockerfile'))) files.add(join(variant, 'Dockerfile'));
  return [...files].sort();
}
