import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';

/**
 * werf.yaml as werf 1.1 reads it: a stream of YAML documents, the first (`project`,
 * `configVersion`) about the project, each further one an `image` or an `artifact`.
 */
export interface WerfConfig {
  /** Relative to the chapter, e.g. `stapel/werf.yaml`. */
  file: string;
  lines: LineCounter;
  docs: WerfDocument[];
  /**
   * Set when werf.yaml is a Go template: lines then count in the rendered text, and `envRead`
   * names the variables the template read with `env`.
   */
  rendered?: { envRead: string[] };
}

export interface WerfDocument {
  kind: 'meta' | 'image' | 'artifact' | 'unknown';
  data: Record<string, unknown>;
  doc: Document.Parsed;
}

/** An image or artifact the config builds, with what the checks need to know about it. */
export interface WerfImage {
  kind: 'image' | 'artifact';
  /** werf 1.1 allows one nameless image (`image: ~`), named `~` here. */
  name: string;
  source: WerfDocument;
}

export type WerfRead =
  | { status: 'ok'; config: WerfConfig }
  | { status: 'missing'; file: string }
  /** werf.yaml is a Go template that does not render (werf 1.1 would stop there too). */
  | { status: 'template-error'; file: string; message: string; line?: number }
  | { status: 'invalid-yaml'; file: string; errors: { message: string; line: number }[] };

export const WERF_FILE = 'werf.yaml';

export async function readWerfConfig(chapterDir: string, variant: string): Promise<WerfRead> {
  const file = `${variant}/${WERF_FILE}`;
  let text: string;
  try {
    text = await readFile(join(chapterDir, file), 'utf8');
  } catch {
    return { status: 'missing', file };
  }
  let rendered: WerfConfig['rendered'];
  if (text.includes('{{')) {
    // werf 1.1 renders werf.yaml as a Go template before it reads the YAML, and so do we
    const { renderWerfTemplate } = await import('./render-template.js');
    const render = await renderWerfTemplate(join(chapterDir, variant), text);
    if (!render.ok) return { status: 'template-error', file, message: render.message, line: render.line };
    text = render.text;
    rendered = { envRead: render.envRead };
  }
  const lines = new LineCounter();
  // merge: werf reads YAML with Go's yaml.v2, which honours `<<: *anchor`.
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, merge: true });
  const errors = docs
    .flatMap((doc) => doc.errors)
    .map((error) => ({ message: error.message.split('\n')[0]!, line: lines.linePos(error.pos[0]).line }));
  if (errors.length > 0) return { status: 'invalid-yaml', file, errors };
  const config: WerfConfig = { file, lines, docs: [], ...(rendered ? { rendered } : {}) };
  for (const doc of docs) {
    const data: unknown = doc.toJS();
    if (data === null || data === undefined) continue; // an empty document, e.g. after a trailing ---
    const record = typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    config.docs.push({ kind: kindOf(record), data: record, doc });
  }
  return { status: 'ok', config };
}

function kindOf(data: Record<string, unknown>): WerfDocument['kind'] {
  if ('project' in data) return 'meta';
  if ('image' in data) return 'image';
  if ('artifact' in data) return 'artifact';
  return 'unknown';
}

export function projectName(config: WerfConfig): string | undefined {
  const meta = config.docs.find((d) => d.kind === 'meta');
  return typeof meta?.data.project === 'string' ? meta.data.project : undefined;
}

export function werfImages(config: WerfConfig): WerfImage[] {
  const out: WerfImage[] = [];
  for (const source of config.docs) {
    if (source.kind !== 'image' && source.kind !== 'artifact') continue;
    const name = source.data[source.kind];
    // `image: [a, b]` declares identical images under several names
    const names = Array.isArray(name) ? name.map(String) : [name === null ? '~' : String(name)];
    for (const one of names) out.push({ kind: source.kind, name: one, source });
  }
  return out;
}
