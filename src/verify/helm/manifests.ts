import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Environment } from './values.js';
import type { EnvRender } from './render.js';

/** One Kubernetes object from a rendered template, with where it came from. */
export interface Manifest {
  env: Environment;
  /** Relative to .helm, e.g. `templates/deployment.yaml`. */
  template: string;
  object: Record<string, unknown>;
  doc: Document.Parsed;
  /** Lines of the rendered text (not of the template source). */
  lines: LineCounter;
}

export interface RenderedYamlError {
  env: Environment;
  template: string;
  message: string;
  /** Line in the rendered output. */
  line: number;
}

/** Splits every rendered file into its YAML documents; empty documents are dropped, as Helm does. */
export function manifestsOf(render: EnvRender): { manifests: Manifest[]; errors: RenderedYamlError[] } {
  const manifests: Manifest[] = [];
  const errors: RenderedYamlError[] = [];
  for (const file of render.files) {
    const lines = new LineCounter();
    for (const doc of parseAllDocuments(file.text, { lineCounter: lines, prettyErrors: false })) {
      const error = doc.errors[0];
      if (error) {
        errors.push({ env: render.env, template: file.template, message: error.message.split('\n')[0]!, line: lines.linePos(error.pos[0]).line });
        continue;
      }
      const object: unknown = doc.toJS();
      if (object === null || object === undefined) continue;
      if (typeof object !== 'object' || Array.isArray(object)) {
        errors.push({ env: render.env, template: file.template, message: 'a rendered document must be a Kubernetes object (a map)', line: 1 });
        continue;
      }
      manifests.push({ env: render.env, template: file.template, object: object as Record<string, unknown>, doc, lines });
    }
  }
  return { manifests, errors };
}

/** `Kind name` for messages. */
export function describeManifest(manifest: Manifest): string {
  const metadata = (manifest.object.metadata ?? {}) as Record<string, unknown>;
  return `${String(manifest.object.kind)} ${String(metadata.name ?? '(unnamed)')}`;
}
