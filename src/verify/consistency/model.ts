import type { Manifest } from '../helm/manifests.js';
import type { RunManifest } from '../manifest.js';
import type { EnvRead } from './env-reads.js';
import type { ImageDefaults } from './image-defaults.js';

/** Everything the rules compare, for one variant rendered for one environment. */
export interface RenderedVariant {
  example: RunManifest;
  project: string;
  manifests: Manifest[];
  images: Map<string, ImageDefaults>;
  envReads: EnvRead[];
  /** Images CI jobs run with `werf run` (a test image): built for those jobs, not for a container. */
  ciImages?: ReadonlySet<string>;
}

/**
 * A disagreement. It points either at a template key (resolved to a line by the caller) or at
 * a file and line directly (app source, werf.yaml, Dockerfile).
 */
export interface Problem {
  text: string;
  template?: string;
  key?: string;
  file?: string;
  line?: number;
}
