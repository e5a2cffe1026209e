import type { Manifest } from '../verify/helm/manifests.js';
import { imageFromReference } from '../verify/helm/values.js';
import { containerPorts, ingressBackends, nameOf, podTemplates, services } from '../verify/consistency/objects.js';
import type { WerfImage } from '../verify/werf/config.js';

/**
 * What a chapter's diagram shows, before any layout: the objects of the rendered chart and the
 * werf images that feed its containers. Built only from rendered manifests and werf.yaml, so
 * the picture says what the example really deploys.
 */
export interface ChartGraph {
  title: string;
  ingresses: Array<{ id: string; name: string; routes: string[] }>;
  services: Array<{ id: string; name: string; ports: string[] }>;
  workloads: Array<{ id: string; kind: string; name: string; notes: string[]; containers: Array<{ id: string; name: string; ports: string[] }> }>;
  images: Array<{ id: string; kind: 'image' | 'artifact'; name: string; from: string }>;
  dependencies: Array<{ id: string; name: string; version: string }>;
  edges: Array<{ from: string; to: string; label: string }>;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

export interface GraphInput {
  title: string;
  project: string;
  manifests: readonly Manifest[];
  images: readonly WerfImage[];
  dependencies: ReadonlyArray<{ name: string; version: string }>;
}

/** The graph of one rendered chart. Every list is sorted, so the same chart gives the same graph. */
export function chartGraph(input: GraphInput): ChartGraph {
  const graph: ChartGraph = { title: input.title, ingresses: [], services: [], workloads: [], images: [], dependencies: [], edges: [] };
  const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

  for (const image of [...input.images].sort(byName)) {
    graph.images.push({ id: `image:${image.kind}:${image.name}`, kind: image.kind, name: image.name, from: buildBase(image) });
    for (const source of imports(image)) graph.edges.push({ from: `image:artifact:${source}`, to: `image:${image.kind}:${image.name}`, label: 'import' });
  }
  for (const dep of [...input.dependencies].sort(byName)) graph.dependencies.push({ id: `dep:${dep.name}`, name: dep.name, version: dep.version });

  const pods = podTemplates(input.manifests).filter((p) => WORKLOADS.has(String(p.owner.object.kind)));
  for (const pod of pods) {
    const kind = String(pod.owner.object.kind);
    const name = nameOf(pod.owner);
    const id = `workload:${kind}:${name}`;
    const containers = pod.containers.map((c) => ({
      id: `${id}:container:${String(c.name)}`,
      name: String(c.name),
      ports: containerPorts(c).map((p) => `${String(p.containerPort)}/${String(p.protocol ?? 'TCP')}`),
    }));
    graph.workloads.push({ id, kind, name, notes: workloadNotes(pod.owner), containers });
    for (const c of pod.containers) {
      const werfImage = typeof c.image === 'string' ? imageFromReference(input.project, c.image) : undefined;
      if (werfImage !== undefined) graph.edges.push({ from: `image:image:${werfImage}`, to: `${id}:container:${String(c.name)}`, label: 'image' });
    }
  }
  graph.workloads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  for (const service of services(input.manifests).sort(byName)) {
    const id = `service:${service.name}`;
    graph.services.push({ id, name: service.name, ports: service.ports.map((p) => `${String(p.port)} → ${String(p.targetPort ?? p.port)}`) });
    // A Service reaches the containers of the pods its selector matches, on its target ports.
    for (const pod of pods) {
      const selector = Object.entries(service.selector);
      if (selector.length === 0 || !selector.every(([k, v]) => pod.labels[k] === v)) continue;
      const owner = `workload:${String(pod.owner.object.kind)}:${nameOf(pod.owner)}`;
      for (const c of pod.containers) {
        const ports = containerPorts(c);
        const hit = service.ports.filter((sp) => ports.some((cp) => cp.containerPort === (sp.targetPort ?? sp.port) || (typeof sp.targetPort === 'string' && cp.name === sp.targetPort)));
        if (hit.length > 0) graph.edges.push({ from: id, to: `${owner}:container:${String(c.name)}`, label: hit.map((p) => String(p.targetPort ?? p.port)).join(', ') });
      }
    }
  }

  const routes = new Map<string, string[]>();
  for (const backend of ingressBackends(input.manifests)) {
    const name = nameOf(backend.ingress);
    const id = `ingress:${name}`;
    if (!routes.has(id)) routes.set(id, ingressHosts(backend.ingress));
    graph.edges.push({ from: id, to: `service:${backend.service}`, label: String(backend.port ?? '') });
  }
  for (const [id, hosts] of [...routes].sort(([a], [b]) => (a < b ? -1 : 1))) graph.ingresses.push({ id, name: id.slice('ingress:'.length), routes: hosts });

  // Keep edges whose ends are drawn (a Service pointing at a missing Deployment is consistency's finding).
  const known = new Set([...graph.ingresses, ...graph.services, ...graph.images, ...graph.workloads.flatMap((w) => w.containers)].map((n) => n.id));
  graph.edges = dedupe(graph.edges.filter((e) => known.has(e.from) && known.has(e.to)));
  return graph;
}

function dedupe(edges: ChartGraph['edges']): ChartGraph['edges'] {
  const seen = new Map(edges.map((e) => [`${e.from}\0${e.to}\0${e.label}`, e]));
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/** Hooks of Jobs (Helm's and werf's annotations) and the schedule of CronJobs. */
function workloadNotes(manifest: Manifest): string[] {
  const notes: string[] = [];
  const metadata = record(manifest.object.metadata);
  const annotations = record(metadata.annotations);
  const hook = annotations['helm.sh/hook'];
  if (typeof hook === 'string') notes.push(`hook: ${hook}`);
  const weight = annotations['helm.sh/hook-weight'];
  if (weight !== undefined) notes.push(`weight: ${String(weight)}`);
  if (manifest.object.kind === 'CronJob') {
    const schedule = record(manifest.object.spec).schedule;
    if (typeof schedule === 'string') notes.push(`schedule: ${schedule}`);
  }
  return notes;
}

function ingressHosts(manifest: Manifest): string[] {
  const rules = record(manifest.object.spec).rules;
  const out: string[] = [];
  for (const rule of Array.isArray(rules) ? rules : []) {
    const host = typeof record(rule).host === 'string' ? String(record(rule).host) : '*';
    const paths = record(record(rule).http).paths;
    for (const path of Array.isArray(paths) ? paths : []) out.push(`${host}${String(record(path).path ?? '/')}`);
  }
  return out;
}

/** What an image is built from: a base image (Stapel), a Dockerfile, or another werf image. */
function buildBase(image: WerfImage): string {
  const data = image.source.data;
  if (typeof data.dockerfile === 'string') return `Dockerfile ${data.dockerfile}`;
  if (typeof data.from === 'string') return `from ${data.from}`;
  if (typeof data.fromImage === 'string') return `fromImage ${data.fromImage}`;
  if (typeof data.fromImageArtifact === 'string') return `fromImageArtifact ${data.fromImageArtifact}`;
  return '';
}

/** Artifacts an image imports files from (`import: [{artifact: …}]`). */
function imports(image: WerfImage): string[] {
  const list = image.source.data.import;
  if (!Array.isArray(list)) return [];
  return [...new Set(list.map((i) => record(i).artifact).filter((a): a is string => typeof a === 'string'))].sort();
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
