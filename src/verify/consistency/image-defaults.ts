import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandForm, imageStart } from '../docker/dockerfile.js';
import type { WerfConfig } from '../werf/config.js';
import { werfImages } from '../werf/config.js';
import type { Container } from 'kubernetes-types/core/v1.js';
import { stringList } from './objects.js';

/** What an image werf builds starts and sets by default, and where that is written. */
export interface ImageDefaults {
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  /** Relative to the chapter: werf.yaml for Stapel images, the Dockerfile otherwise. */
  file: string;
}

/**
 * Per image name: Stapel images from werf.yaml's `docker` directive, Dockerfile images from
 * their Dockerfile's final (or target) stage. String CMD/ENTRYPOINT is shell form, as in Docker.
 */
export async function imageDefaults(chapterDir: string, variant: string, config: WerfConfig): Promise<Map<string, ImageDefaults>> {
  const out = new Map<string, ImageDefaults>();
  for (const image of werfImages(config)) {
    if (image.kind !== 'image') continue;
    const data = image.source.data;
    if (typeof data.dockerfile === 'string') {
      const context = typeof data.context === 'string' ? data.context : '.';
      const file = join(variant, context, data.dockerfile);
      const text = await readFile(join(chapterDir, file), 'utf8').catch(() => undefined);
      if (text === undefined) continue; // werf-schema reports the missing Dockerfile
      const start = imageStart(text, typeof data.target === 'string' ? data.target : undefined);
      out.set(image.name, { entrypoint: start.entrypoint, cmd: start.cmd, env: start.env, file });
    } else {
      const docker = (data.docker ?? {}) as Record<string, unknown>;
      const form = (value: unknown) => (typeof value === 'string' ? commandForm(value) : Array.isArray(value) ? value.map(String) : undefined);
      const env = Object.fromEntries(Object.entries((docker.ENV ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      out.set(image.name, { entrypoint: form(docker.ENTRYPOINT), cmd: form(docker.CMD), env, file: config.file });
    }
  }
  return out;
}

/** The image's own start command (ENTRYPOINT then CMD), if it sets one. */
export function defaultStart(image: ImageDefaults): string[] | undefined {
  const start = [...(image.entrypoint ?? []), ...(image.cmd ?? [])];
  return start.length > 0 ? start : undefined;
}

/** Kubernetes: `command` replaces the image's ENTRYPOINT (and drops its CMD); `args` replaces CMD. */
export function effectiveStart(container: Container, image: ImageDefaults | undefined): string[] | undefined {
  const command = stringList(container.command);
  const args = stringList(container.args);
  if (command) return [...command, ...(args ?? [])];
  const start = [...(image?.entrypoint ?? []), ...(args ?? image?.cmd ?? [])];
  return start.length > 0 ? start : undefined;
}
