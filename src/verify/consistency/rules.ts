import type { Container } from 'kubernetes-types/core/v1.js';
import { imageFromReference } from '../helm/values.js';
import type { Problem, RenderedVariant } from './model.js';
import { appsProblems } from './apps.js';
import { defaultStart, effectiveStart, type ImageDefaults } from './image-defaults.js';
import { containerEnv, containerEnvFrom, containerPorts, ingressBackends, nameOf, podTemplates, providedKeys, services, stringList, type PodTemplate } from './objects.js';

export type { Problem, RenderedVariant } from './model.js';

interface AppContainer {
  pod: PodTemplate;
  container: Container;
  image: string;
}

export function consistencyProblems(model: RenderedVariant): Problem[] {
  const { apps, problems } = appContainers(model);
  if (apps.length === 0) return problems;
  return [
    ...problems,
    ...portProblems(model, apps),
    ...serviceProblems(model, apps),
    ...ingressProblems(model),
    ...selectorProblems(model),
    ...envProblems(model, apps),
    ...deployedImageProblems(model),
    ...nginxContainerProblems(model, apps),
    ...appsProblems(model, apps.map((app) => app.pod)),
  ];
}

const show = (command: readonly string[] | undefined) => (command ? `\`${command.join(' ')}\`` : 'nothing (no command, no CMD)');
const same = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((part, i) => part === b[i]);
const where = (pod: PodTemplate, container: Container) => `${String(pod.owner.object.kind)} ${nameOf(pod.owner)} container ${container.name}`;


/**
 * The containers that run the app: built by werf, starting example.json's run.command. The
 * image's own start command must be that command too, so `werf run`/`docker run` and the
 * Dockerfile and Stapel variants all start the same thing.
 */
function appContainers(model: RenderedVariant): { apps: AppContainer[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const built: { app: AppContainer; start: string[] | undefined }[] = [];
  for (const pod of podTemplates(model.manifests)) {
    for (const container of pod.containers) {
      const image = typeof container.image === 'string' ? imageFromReference(model.project, container.image) : undefined;
      if (image === undefined) continue;
      built.push({ app: { pod, container, image }, start: effectiveStart(container, model.images.get(image)) });
    }
  }
  const apps = built.filter((b) => same(b.start, model.example.run.command)).map((b) => b.app);
  if (built.length === 0) {
    problems.push({ text: 'no container runs an image werf builds (werf_container_image)' });
  } else if (apps.length === 0) {
    const starts = built.map((b) => `${where(b.app.pod, b.app.container)} starts ${show(b.start)}`).join('; ');
    problems.push({ text: `no container starts the app command ${show(model.example.run.command)} (example.json run.command): ${starts}`, template: built[0]!.app.pod.owner.template, key: 'containers' });
  }
  for (const image of new Set(apps.map((a) => a.image))) {
    const defaults = model.images.get(image);
    const start = defaults && defaultStart(defaults);
    if (defaults && start && !same(start, model.example.run.command)) {
      problems.push({ text: `image ${image} starts ${show(start)} by default, not the app command ${show(model.example.run.command)}`, file: defaults.file });
    }
  }
  return { apps, problems };
}

function portProblems(model: RenderedVariant, apps: AppContainer[]): Problem[] {
  const problems: Problem[] = [];
  for (const { pod, container } of apps) {
    const declared = containerPorts(container).map((p) => p.containerPort);
    if (!declared.includes(model.example.port)) {
      problems.push({
        text: `${where(pod, container)} declares containerPort ${declared.join(', ') || '(none)'}, but the app listens on ${model.example.port}`,
        template: pod.owner.template,
        key: 'containerPort',
      });
    }
    const portVar = containerEnv(container).find((e) => e.name === 'PORT');
    if (portVar?.value !== undefined && portVar.value !== String(model.example.port)) {
      problems.push({ text: `${where(pod, container)} sets PORT=${portVar.value}, but the app listens on ${model.example.port}`, template: pod.owner.template, key: 'PORT' });
    }
  }
  return problems;
}

const selects = (selector: Record<string, string>, pod: PodTemplate) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => pod.labels[k] === v);
const labelText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || '(none)';

/** Each Service selects pods, and each of its ports targets a port those pods declare. */
function serviceProblems(model: RenderedVariant, apps: AppContainer[]): Problem[] {
  const problems: Problem[] = [];
  const pods = podTemplates(model.manifests);
  let reachesApp = false;
  for (const service of services(model.manifests)) {
    if (Object.keys(service.selector).length === 0) continue; // no selector: endpoints are managed by hand
    const selected = pods.filter((pod) => selects(service.selector, pod));
    if (selected.length === 0) {
      const carried = pods.map((pod) => `${String(pod.owner.object.kind)} ${nameOf(pod.owner)} has ${labelText(pod.labels)}`).join('; ');
      problems.push({ text: `Service ${service.name} selects ${labelText(service.selector)}, which no pod template carries (${carried || 'no pod templates'})`, template: service.manifest.template, key: 'selector' });
      continue;
    }
    for (const port of service.ports) {
      const target = port.targetPort ?? port.port;
      const containers = selected.flatMap((pod) => pod.containers);
      const declared = containers.flatMap((c) => containerPorts(c));
      const hit = declared.find((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target));
      if (!hit) {
        const have = declared.map((p) => (p.name ? `${p.containerPort} (${p.name})` : String(p.containerPort))).join(', ') || 'none';
        problems.push({ text: `Service ${service.name} port ${String(port.port)} targets ${String(target)}, but the pods it selects declare containerPort ${have}`, template: service.manifest.template, key: 'targetPort' });
        continue;
      }
      const appPod = apps.some((app) => selected.some((pod) => pod.owner === app.pod.owner));
      // with nginx in the Pod, requests reach the app through nginx's port
      if (appPod && (hit.containerPort === model.example.port || hit.containerPort === model.example.nginx?.port)) reachesApp = true;
    }
  }
  if (!reachesApp && problems.length === 0) {
    const through = model.example.nginx ? ` or to nginx's port ${model.example.nginx.port} in the app's Pod` : '';
    problems.push({ text: `no Service routes to the app's port ${model.example.port}${through}` });
  }
  return problems;
}

/** Every Ingress backend names a Service the chart defines, and one of its ports. */
function ingressProblems(model: RenderedVariant): Problem[] {
  const problems: Problem[] = [];
  const known = services(model.manifests);
  for (const backend of ingressBackends(model.manifests)) {
    const service = known.find((s) => s.name === backend.service);
    const ingress = `Ingress ${nameOf(backend.ingress)}`;
    if (!service) {
      problems.push({ text: `${ingress} routes to Service ${backend.service}, which the chart does not define (it defines: ${known.map((s) => s.name).join(', ') || 'none'})`, template: backend.ingress.template, key: backend.portKey === 'servicePort' ? 'serviceName' : 'service' });
      continue;
    }
    const matches = service.ports.some((p) => (typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port));
    if (!matches) {
      const have = service.ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ');
      problems.push({ text: `${ingress} routes to port ${String(backend.port ?? '(none)')} of Service ${service.name}, which has ports ${have}`, template: backend.ingress.template, key: backend.portKey });
    }
  }
  return problems;
}

/** A workload's selector must match its own pod template, or Kubernetes rejects it. */
function selectorProblems(model: RenderedVariant): Problem[] {
  const problems: Problem[] = [];
  for (const pod of podTemplates(model.manifests)) {
    if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(String(pod.owner.object.kind))) continue;
    const selector = (pod.owner.object.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {};
    if (!Object.entries(selector).every(([k, v]) => pod.labels[k] === String(v))) {
      problems.push({ text: `${String(pod.owner.object.kind)} ${nameOf(pod.owner)} selects ${labelText(selector)} but its pod template has ${labelText(pod.labels)}`, template: pod.owner.template, key: 'matchLabels' });
    }
  }
  return problems;
}

/** Variables the app reads without a fallback must reach the container. */
function envProblems(model: RenderedVariant, apps: AppContainer[]): Problem[] {
  const problems: Problem[] = [];
  const provided = providedKeys(model.manifests);
  const required = model.envReads.filter((read) => !read.hasDefault);
  for (const { pod, container, image } of apps) {
    const names = new Set([...containerEnv(container).map((e) => e.name), ...Object.keys(model.images.get(image)?.env ?? {})]);
    let open = false; // an envFrom we cannot see into may provide anything
    for (const source of containerEnvFrom(container)) {
      const ref = source.configMapRef ? `ConfigMap/${source.configMapRef.name}` : source.secretRef ? `Secret/${source.secretRef.name}` : undefined;
      const keys = ref ? provided.get(ref) : undefined;
      if (!keys) open = true;
      else for (const key of keys) names.add(`${source.prefix ?? ''}${key}`);
    }
    if (open) continue;
    const reported = new Set<string>();
    // set, but to nothing: the chart reads a value neither values.yaml nor secret-values.yaml has
    const empty = new Set(containerEnv(container).filter((e) => e.valueFrom === undefined && (e.value ?? '') === '').map((e) => e.name));
    for (const read of required) {
      if (empty.has(read.name) && !reported.has(read.name)) {
        reported.add(read.name);
        problems.push({
          text: `the app reads ${read.name} without a fallback, but ${where(pod, container)} sets it to an empty value: the value the chart reads for it is in neither values.yaml nor secret-values.yaml`,
          template: pod.owner.template,
          key: read.name,
        });
        continue;
      }
      if (names.has(read.name) || reported.has(read.name)) continue;
      reported.add(read.name);
      problems.push({ text: `the app reads ${read.name} without a fallback, but ${where(pod, container)} does not set it (env, envFrom or the image's ENV)`, file: read.file, line: read.line });
    }
  }
  return problems;
}

/** `tuple "name" .` handed to werf_container_image / werf_container_env, with the line it is on. */
export function templateImageNames(text: string): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  text.split('\n').forEach((line, i) => {
    const patterns = [/tuple\s+"([^"]+)"\s+[^|)]*\|\s*include\s+"werf_container_(?:image|env)"/g, /include\s+"werf_container_(?:image|env)"\s+\(\s*tuple\s+"([^"]+)"/g];
    for (const pattern of patterns) for (const m of line.matchAll(pattern)) out.push({ name: m[1]!, line: i + 1 });
  });
  return out;
}

/**
 * Every image werf.yaml builds runs in some container (werf_container_image) or in a CI job
 * (`werf run`), or it is built for nothing.
 */
function deployedImageProblems(model: RenderedVariant): Problem[] {
  const used = new Set<string>(model.ciImages ?? []);
  for (const pod of podTemplates(model.manifests)) {
    for (const container of pod.containers) {
      const image = typeof container.image === 'string' ? imageFromReference(model.project, container.image) : undefined;
      if (image !== undefined) used.add(image);
    }
  }
  return [...model.images.keys()]
    .filter((name) => !used.has(name))
    .map((name) => ({ text: `werf.yaml builds image ${name}, but no container runs it: add a container with {{ tuple "${name}" . | include "werf_container_image" }} (or a CI job that runs it with werf run)`, file: model.images.get(name)?.file }));
}

/** nginx runs its own image in the app's Pod and declares the port it listens on. */
function nginxContainerProblems(model: RenderedVariant, apps: AppContainer[]): Problem[] {
  const nginx = model.example.nginx;
  if (!nginx || apps.length === 0) return [];
  const problems: Problem[] = [];
  for (const { pod } of apps) {
    const container = pod.containers.find((c) => typeof c.image === 'string' && imageFromReference(model.project, c.image) === nginx.image);
    if (!container) {
      problems.push({ text: `the app's Pod (${String(pod.owner.object.kind)} ${nameOf(pod.owner)}) has no container running the ${nginx.image} image; nginx must sit next to the app to reach it on localhost`, template: pod.owner.template, key: 'containers' });
      continue;
    }
    if (!containerPorts(container).some((p) => p.containerPort === nginx.port)) {
      problems.push({ text: `${where(pod, container)} declares no containerPort ${nginx.port}, the port nginx listens on`, template: pod.owner.template, key: 'containerPort' });
    }
  }
  return problems;
}
