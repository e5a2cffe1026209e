import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Rendered output has its own line numbers; a reader wants the template's. When a key (e.g.
 * `imagee`) is written exactly once in the template, that line is the one to fix. Otherwise we
 * do not guess and the message carries the path inside the object instead.
 */
export class TemplateLines {
  private readonly sources = new Map<string, Promise<string[] | undefined>>();

  constructor(private readonly helmDir: string) {}

  async lineOfKey(template: string, key: string): Promise<number | undefined> {
    const lines = await this.read(template);
    if (!lines) return undefined;
    const pattern = new RegExp(`^\\s*(?:-\\s+)?["']?${escape(key)}["']?\\s*:`);
    const hits = lines.flatMap((line, i) => (pattern.test(line) ? [i + 1] : []));
    return hits.length === 1 ? hits[0] : undefined;
  }

  private read(template: string): Promise<string[] | undefined> {
    let lines = this.sources.get(template);
    if (!lines) {
      lines = readFile(join(this.helmDir, template), 'utf8').then((text) => text.split('\n'), () => undefined);
      this.sources.set(template, lines);
    }
    return lines;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `spec.template.spec.containers[0].imagee` */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' || /^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}
