import type { Container, ContainerPort, EnvFromSource, EnvVar, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { Manifest } from '../helm/manifests.js';

/**
 * The rendered objects consistency reasons about, read defensively: the chart may be wrong in
 * any way (k8s-schema reports shape errors), so every field is checked before it is trusted and
 * a malformed object is simply skipped here. kubernetes-types names the intended shapes.
 */
export interface PodTemplate {
  owner: Manifest;
  labels: Record<string, string>;
  containers: Container[];
}

/** Pod templates of Deployments, StatefulSets, DaemonSets, Jobs and CronJobs. */
export function podTemplates(manifests: readonly Manifest[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const manifest of manifests) {
    const spec = record(manifest.object.spec);
    const template = manifest.object.kind === 'CronJob' ? record(record(record(spec.jobTemplate).spec).template) : record(spec.template);
    if (!template.spec) continue;
    out.push({
      owner: manifest,
      labels: stringMap(record(template.metadata).labels),
      containers: objectsOf<Container>(record(template.spec).containers).filter(isNamedObject),
    });
  }
  return out;
}

export function services(manifests: readonly Manifest[]): { manifest: Manifest; name: string; selector: Record<string, string>; ports: ServicePort[] }[] {
  return manifests
    .filter((m) => m.object.kind === 'Service')
    .map((manifest) => {
      const spec = record((manifest.object as Service).spec);
      return { manifest, name: nameOf(manifest), selector: stringMap(spec.selector), ports: objectsOf<ServicePort>(spec.ports) };
    });
}

/** An Ingress backend, in either API shape: v1 `service: {name, port: {number|name}}`, v1beta1 `serviceName`/`servicePort`. */
export interface IngressBackendRef {
  ingress: Manifest;
  service: string;
  port: number | string | undefined;
  /** The key that holds the port in the template, to point at its line. */
  portKey: 'number' | 'name' | 'servicePort';
  /** The rule's path (`/chat`); absent for a default backend. */
  path?: string;
}

export function ingressBackends(manifests: readonly Manifest[]): IngressBackendRef[] {
  const out: IngressBackendRef[] = [];
  for (const ingress of manifests.filter((m) => m.object.kind === 'Ingress')) {
    const spec = record(ingress.object.spec);
    const backends: { backend: unknown; path?: string }[] = [{ backend: spec.defaultBackend }, { backend: spec.backend }];
    for (const rule of list(spec.rules)) {
      for (const path of list(record(record(rule).http).paths)) {
        const at = record(path).path;
        backends.push({ backend: record(path).backend, path: typeof at === 'string' ? at : undefined });
      }
    }
    for (const { backend, path } of backends) {
      if (!isObject(backend)) continue;
      const v1 = record(backend.service);
      if (typeof v1.name === 'string') {
        const port = record(v1.port);
        const byName = typeof port.name === 'string';
        out.push({ ingress, service: v1.name, port: byName ? (port.name as string) : typeof port.number === 'number' ? port.number : undefined, portKey: byName ? 'name' : 'number', path });
      } else if (typeof backend.serviceName === 'string') {
        const port = backend.servicePort;
        out.push({ ingress, service: backend.serviceName, port: typeof port === 'number' || typeof port === 'string' ? port : undefined, portKey: 'servicePort', path });
      }
    }
  }
  return out;
}

export function containerPorts(container: Container): ContainerPort[] {
  return objectsOf<ContainerPort>(container.ports);
}

export function containerEnv(container: Container): EnvVar[] {
  return objectsOf<EnvVar>(container.env).filter(isNamedObject);
}

export function containerEnvFrom(container: Container): EnvFromSource[] {
  return objectsOf<EnvFromSource>(container.envFrom);
}

/** The keys a ConfigMap or Secret rendered by the chart provides, by `Kind/name`. */
export function providedKeys(manifests: readonly Manifest[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const manifest of manifests) {
    if (manifest.object.kind !== 'ConfigMap' && manifest.object.kind !== 'Secret') continue;
    const keys = [...Object.keys(record(manifest.object.data)), ...Object.keys(record(manifest.object.stringData))];
    out.set(`${String(manifest.object.kind)}/${nameOf(manifest)}`, keys);
  }
  return out;
}

export function nameOf(manifest: Manifest): string {
  const name = record(manifest.object.metadata).name;
  return typeof name === 'string' ? name : '(unnamed)';
}

export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/**
 * The maps in a list, typed as what they should be. Only "is a map" is checked here; the fields
 * may still hold anything, so the rules compare them with === and typeof rather than trust them.
 */
function objectsOf<T>(value: unknown): T[] {
  return list(value).filter(isObject) as unknown[] as T[];
}

function record(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(record(value)).map(([k, v]) => [k, String(v)]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamedObject<T>(value: T): boolean {
  return typeof (value as { name?: unknown }).name === 'string';
}
