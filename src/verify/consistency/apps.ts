import type { Container } from 'kubernetes-types/core/v1.js';
import { imageFromReference } from '../helm/values.js';
import type { AppProcess } from '../manifest.js';
import { effectiveStart } from './image-defaults.js';
import { containerEnv, containerPorts, ingressBackends, nameOf, podTemplates, services, type PodTemplate } from './objects.js';
import type { Problem, RenderedVariant } from './model.js';

/**
 * Several apps in one repository (example.json `apps`): each process runs where it should and
 * each app is reachable where the Ingress says.
 * - the worker: a Deployment's container runs the app's image with the worker's command and gets
 *   the Redis address;
 * - the periodic task: a CronJob's container does the same with its own command, on the schedule
 *   example.json names, with a restartPolicy a Job allows;
 * - the second app: a Deployment runs its image with its command and declares its port, a Service
 *   selects that Deployment's pods and targets that port, and an Ingress path equal to the app's
 *   path routes to a port of that Service; the web app keeps a path of its own (`/`) to a
 *   Service that selects its pods.
 */
export function appsProblems(model: RenderedVariant, appPods: PodTemplate[]): Problem[] {
  const apps = model.example.apps;
  if (!apps) return [];
  const pods = podTemplates(model.manifests);
  const problems: Problem[] = [];
  const running = (process: AppProcess, kinds: string[]) =>
    pods.flatMap((pod) =>
      kinds.includes(String(pod.owner.object.kind))
        ? pod.containers.filter((c) => imageOf(model, c) === process.image && same(effectiveStart(c, model.images.get(process.image)), process.command)).map((container) => ({ pod, container }))
        : [],
    );
  // the Redis settings of the redis chapter (example.json `redis`), each set to something
  const redisNames = Object.values(model.example.redis?.env ?? {});
  const needsRedis = (pod: PodTemplate, container: Container) => {
    const set = new Set(containerEnv(container).filter((e) => e.valueFrom !== undefined || (e.value ?? '') !== '').map((e) => e.name));
    const missing = redisNames.filter((name) => !set.has(name));
    if (missing.length === 0) return;
    problems.push({ text: `${where(pod, container)} does not set ${missing.join(', ')}: it cannot reach the Redis the web app puts jobs on`, template: pod.owner.template, key: 'env' });
  };

  const worker = running(apps.worker, ['Deployment']);
  if (worker.length === 0) problems.push({ text: `no Deployment runs the worker: a container of image ${apps.worker.image} starting ${show(apps.worker.command)} (example.json apps.worker)` });
  for (const { pod, container } of worker) needsRedis(pod, container);

  const cron = running(apps.cron, ['CronJob']);
  if (cron.length === 0) problems.push({ text: `no CronJob runs the periodic task: a container of image ${apps.cron.image} starting ${show(apps.cron.command)} (example.json apps.cron)` });
  for (const { pod, container } of cron) {
    needsRedis(pod, container);
    const spec = pod.owner.object.spec as { schedule?: unknown; jobTemplate?: { spec?: { template?: { spec?: { restartPolicy?: unknown } } } } };
    if (spec.schedule !== apps.cron.schedule) {
      problems.push({ text: `CronJob ${nameOf(pod.owner)} runs on schedule ${JSON.stringify(spec.schedule)}, example.json apps.cron says ${JSON.stringify(apps.cron.schedule)}`, template: pod.owner.template, key: 'schedule' });
    }
    const restart = spec.jobTemplate?.spec?.template?.spec?.restartPolicy;
    if (restart !== 'Never' && restart !== 'OnFailure') {
      problems.push({ text: `CronJob ${nameOf(pod.owner)}: a Job's pod needs restartPolicy Never or OnFailure, not ${JSON.stringify(restart ?? 'Always (the default)')}`, template: pod.owner.template, key: 'restartPolicy' });
    }
  }

  problems.push(...routeProblems(model, appPods));
  return problems;
}

/** The second app's Deployment → Service → Ingress path, and the web app's own path. */
function routeProblems(model: RenderedVariant, appPods: PodTemplate[]): Problem[] {
  const second = model.example.apps!.second;
  const problems: Problem[] = [];
  const pods = podTemplates(model.manifests).filter((pod) => pod.owner.object.kind === 'Deployment');
  const runs = pods.flatMap((pod) =>
    pod.containers.filter((c) => imageOf(model, c) === second.image && same(effectiveStart(c, model.images.get(second.image)), second.command)).map((container) => ({ pod, container })),
  );
  if (runs.length === 0) {
    return [{ text: `no Deployment runs the second app: a container of image ${second.image} starting ${show(second.command)} (example.json apps.second)` }];
  }
  const ports = runs.flatMap(({ container }) => containerPorts(container));
  const port = ports.find((p) => p.containerPort === second.port);
  if (!port) {
    const { pod, container } = runs[0]!;
    problems.push({ text: `${where(pod, container)} declares containerPort ${ports.map((p) => p.containerPort).join(', ') || '(none)'}, but the second app listens on ${second.port}`, template: pod.owner.template, key: 'containerPort' });
    return problems;
  }
  const ownPods = new Set(runs.map((r) => r.pod.owner));
  const all = services(model.manifests);
  const selecting = (pod: PodTemplate) =>
    all.filter((s) => Object.keys(s.selector).length > 0 && Object.entries(s.selector).every(([k, v]) => pod.labels[k] === v));
  // Service ports that reach the second app's container port
  const reaching = runs.flatMap(({ pod }) => selecting(pod)).flatMap((service) =>
    service.ports
      .filter((p) => {
        const target = p.targetPort ?? p.port;
        return typeof target === 'number' ? target === second.port : target === port.name;
      })
      .map((p) => ({ service, port: p })),
  );
  const templateOf = runs[0]!.pod.owner.template;
  if (reaching.length === 0) {
    problems.push({ text: `no Service selects the pods of Deployment ${nameOf(runs[0]!.pod.owner)} and targets the second app's port ${second.port}`, template: templateOf, key: 'labels' });
    return problems;
  }
  const backends = ingressBackends(model.manifests);
  const atPath = backends.filter((b) => b.path === second.path);
  if (atPath.length === 0) {
    const paths = backends.map((b) => `${b.path ?? '(default)'} → ${b.service}`).join(', ') || 'none';
    const ingress = backends[0]?.ingress;
    problems.push({ text: `no Ingress path ${second.path} routes to the second app (example.json apps.second.path); the Ingress routes ${paths}`, template: ingress?.template, key: ingress ? 'paths' : undefined });
  }
  for (const backend of atPath) {
    const hit = reaching.some((r) => r.service.name === backend.service && (typeof backend.port === 'number' ? r.port.port === backend.port : r.port.name === backend.port));
    if (!hit) {
      const services = [...new Set(reaching.map((r) => r.service.name))].join(', ');
      problems.push({ text: `Ingress ${nameOf(backend.ingress)} sends ${second.path} to Service ${backend.service} port ${String(backend.port ?? '(none)')}, which does not reach the second app (${services} does)`, template: backend.ingress.template, key: backend.portKey === 'servicePort' ? 'serviceName' : 'service' });
    }
  }
  // the web app keeps its own path: a backend whose Service selects the web app's pods, not the second app's
  const webServices = new Set(appPods.flatMap((pod) => selecting(pod)).map((s) => s.name));
  const web = backends.filter((b) => webServices.has(b.service));
  if (appPods.length > 0 && web.length === 0) {
    problems.push({ text: `no Ingress path routes to the web app any more: every path goes to ${[...new Set(backends.map((b) => b.service))].join(', ') || 'nothing'}` });
  }
  for (const b of web) {
    if (b.path === second.path) continue; // reported above
    if (ownPods.size > 0 && b.path !== undefined && second.path.startsWith(b.path) && b.path.length >= second.path.length) {
      problems.push({ text: `Ingress path ${b.path} of the web app hides ${second.path}`, template: b.ingress.template, key: 'path' });
    }
  }
  return problems;
}

function imageOf(model: RenderedVariant, container: Container): string | undefined {
  return typeof container.image === 'string' ? imageFromReference(model.project, container.image) : undefined;
}

const show = (command: readonly string[] | undefined) => (command ? `\`${command.join(' ')}\`` : 'nothing');
const same = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((part, i) => part === b[i]);
const where = (pod: PodTemplate, container: Container) => `${String(pod.owner.object.kind)} ${nameOf(pod.owner)} container ${container.name}`;
