import type { Container } from 'kubernetes-types/core/v1.js';
import type { Manifest } from './manifests.js';

/** A Job of the rendered chart, read defensively (k8s-schema reports shape errors). */
export interface RenderedJob {
  manifest: Manifest;
  name: string;
  annotations: Record<string, unknown>;
  restartPolicy: unknown;
  /** initContainers first, in order, then containers: the order the Pod runs them in. */
  initContainers: Container[];
  containers: Container[];
}

export function renderedJobs(manifests: readonly Manifest[]): RenderedJob[] {
  return manifests
    .filter((m) => m.object.kind === 'Job')
    .map((manifest) => {
      const metadata = record(manifest.object.metadata);
      const podSpec = record(record(record(manifest.object.spec).template).spec);
      return {
        manifest,
        name: String(metadata.name ?? '(unnamed)'),
        annotations: record(metadata.annotations),
        restartPolicy: podSpec.restartPolicy,
        initContainers: containers(podSpec.initContainers),
        containers: containers(podSpec.containers),
      };
    });
}

/** The objects' annotations, for every kind: werf and Helm read them on any object. */
export function annotationsOf(manifest: Manifest): Record<string, unknown> {
  return record(record(manifest.object.metadata).annotations);
}

/** What a container runs: `command` plus `args` (a Job's container must say; it has no app CMD to fall back on here). */
export function containerCommand(container: Container): string[] | undefined {
  const command = container.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string')) return undefined;
  const args = Array.isArray(container.args) ? container.args.map(String) : [];
  return [...command, ...args];
}

function containers(value: unknown): Container[] {
  return Array.isArray(value) ? value.filter((c): c is Container => typeof c === 'object' && c !== null && typeof (c as Container).name === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
