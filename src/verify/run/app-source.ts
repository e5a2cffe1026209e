import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from '../../util/files.js';

/** Files that say how to build or deploy the app rather than being the app. */
// A Dockerfile and .dockerignore may sit in any app's folder (a second app's own build).
const BUILD_FILES = /^(werf\.yaml|werf-.*\.yaml|(.*\/)?Dockerfile[^/]*|(.*\/)?\.dockerignore|\.gitlab-ci\.yml|\.helm\/.*)$/;

/**
 * True when stapel/ and dockerfile/ hold the same app, byte for byte: the same files apart from
 * build and deploy configuration. Then running it once proves both.
 */
export async function sameAppSource(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([appFiles(a), appFiles(b)]);
  if (left.length !== right.length || left.some((file, i) => file !== right[i])) return false;
  for (const file of left) {
    const [x, y] = await Promise.all([readFile(join(a, file)), readFile(join(b, file))]);
    if (!x.equals(y)) return false;
  }
  return true;
}

async function appFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir)).filter((file) => !BUILD_FILES.test(file));
}
