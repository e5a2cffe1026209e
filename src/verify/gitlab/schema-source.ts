import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cacheDir, writeAtomic } from '../cache.js';
import { parseJsLiteral, type JsonValue } from './js-literal.js';

/**
 * GitLab's official CI schema (app/assets/javascripts/editor/schema/ci.json), taken offline from
 * npm gitlab-ci-local, which ships it inside its bundle: `dist/index.js` holds it as one object
 * literal (`var Y8={$schema:"http://json-schema.org/draft-07/schema#",$id:"https://gitlab.com/.gitlab-ci.yml",…}`),
 * and gitlab-ci-local relaxes a few patterns only afterwards, at run time, so the literal is the
 * schema as GitLab publishes it. The bundle has no separate JSON file and its source map does not
 * carry schema.json, so we find the literal by its `$id` and read it with a literal-only parser.
 * The result is cached as JSON, keyed by the bundle's hash, so this happens once per install.
 */
const MARKER = '{$schema:"http://json-schema.org/draft-07/schema#",$id:"https://gitlab.com/.gitlab-ci.yml"';

export type GitlabSchema = { [key: string]: JsonValue };

export async function loadGitlabSchema(): Promise<GitlabSchema> {
  const bundlePath = createRequire(import.meta.url).resolve('gitlab-ci-local');
  const bundle = await readFile(bundlePath, 'utf8');
  const key = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  const cached = join(cacheDir(), `gitlab-ci-schema-${key}.json`);
  try {
    return JSON.parse(await readFile(cached, 'utf8')) as GitlabSchema;
  } catch {
    // not cached yet (or unreadable): extract again below
  }
  const schema = extractGitlabSchema(bundle, bundlePath);
  await writeAtomic(cached, JSON.stringify(schema));
  return schema;
}

export function extractGitlabSchema(bundle: string, bundlePath: string): GitlabSchema {
  const start = bundle.indexOf(MARKER);
  if (start === -1) {
    throw new Error(`GitLab CI schema not found in ${bundlePath} (looked for ${MARKER}); gitlab-ci-local changed its bundle — pin 4.72.0`);
  }
  const { value } = parseJsLiteral(bundle, start);
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof value.definitions !== 'object') {
    throw new Error(`the literal at offset ${start} of ${bundlePath} is not a JSON schema with definitions`);
  }
  return value;
}
