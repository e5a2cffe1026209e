import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from '../../util/files.js';
import { rendererBinary } from '../helm/build.js';
import { runToEnd } from '../run/processes.js';

/** werf.yaml after werf 1.1's Go template pass, or why it could not be rendered. */
export type TemplateRender = { ok: true; text: string; envRead: string[] } | { ok: false; message: string; line?: number };

/** Files larger than this are not offered to `.Files.Get` (a config never reads a bundle). */
const MAX_FILE_BYTES = 1 << 20;

/**
 * Renders a variant's werf.yaml the way werf 1.1 does before it reads the YAML: Go's
 * text/template with sprig, `include` of the `.werf/**\/*.tmpl` partials, `tpl`, `required`,
 * `env` and `.Files.Get` of the project's files. It runs in the same small Go program as the
 * Helm renderer (helm/werf_config.go), because werf uses the same template engine and library.
 * `env` reads an empty environment: an example must render without CI variables, and the
 * variables it reads are reported.
 */
export async function renderWerfTemplate(variantDir: string, text: string): Promise<TemplateRender> {
  const files: Record<string, string> = {};
  const partials: { name: string; text: string }[] = [];
  for (const path of await listFiles(variantDir)) {
    if (path === 'werf.yaml') continue;
    const full = join(variantDir, path);
    const info = await lstat(full);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) continue;
    const content = await readFile(full, 'utf8');
    files[path] = content;
    if (path.startsWith('.werf/') && path.endsWith('.tmpl')) partials.push({ name: path.slice('.werf/'.length), text: content });
  }
  const binary = await rendererBinary();
  const run = await runToEnd(binary, [], {
    cwd: variantDir,
    env: {},
    input: JSON.stringify({ templates: [], contexts: [], werfConfig: { text, partials, files, env: {} } }),
    timeoutMs: 60_000,
  });
  if (run.code !== 0) throw new Error(`the template renderer failed (${run.code ?? run.signal}): ${run.stderr.trim()}`);
  const answer = (JSON.parse(run.stdout) as { werfConfig: { text: string; error?: string; envRead: string[] } }).werfConfig;
  if (answer.error) {
    // `template: werf.yaml:12:3: executing …` names the line of werf.yaml itself
    const place = /^template: werf\.yaml:(\d+)/.exec(answer.error);
    return { ok: false, message: answer.error.replace(/^template: [^ ]+ /, '').trim(), line: place ? Number(place[1]) : undefined };
  }
  return { ok: true, text: answer.text, envRead: answer.envRead };
}
