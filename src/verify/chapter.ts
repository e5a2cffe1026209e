import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart, type RenderOutcome } from './helm/render.js';
import { readManifest, type ManifestRead } from './manifest.js';
import { VARIANTS, type Finding, type Variant } from './types.js';
import { readWerfConfig, type WerfRead } from './werf/config.js';

/**
 * One chapter's example tree as the checks see it. What several checks need (the manifest, the
 * parsed werf.yaml, the rendered chart) is read once and shared, so helm-render, k8s-schema and
 * consistency look at the very same render.
 */
export class Chapter {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  /** The variants that exist on disk, in the fixed order stapel, dockerfile. */
  variants(): Variant[] {
    return VARIANTS.filter((variant) => existsSync(join(this.dir, variant)));
  }

  variantDir(variant: Variant): string {
    return join(this.dir, variant);
  }

  manifest(): Promise<ManifestRead> {
    return this.once('manifest', () => readManifest(this.dir));
  }

  werf(variant: Variant): Promise<WerfRead> {
    return this.once(`werf:${variant}`, () => readWerfConfig(this.dir, variant));
  }

  render(variant: Variant): Promise<RenderOutcome> {
    return this.once(`render:${variant}`, async () => renderChart(this.dir, variant, await this.werf(variant)));
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.memo.set(key, value);
    }
    return value;
  }
}

/** The contract every module in checks/ fulfils. */
export interface Check {
  /** Findings for this chapter: at least one per variant the check applies to. */
  run(chapter: Chapter): Promise<Finding[]>;
}
