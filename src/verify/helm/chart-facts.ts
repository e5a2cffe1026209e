import semver from 'semver';

/**
 * What the app needs to know about a subchart it connects to, for the charts the guide uses:
 * the Service the chart makes (from its fullname), the port and where the password goes. The
 * subchart is never downloaded offline, so these are the chart's own rules written down, each
 * with the chart versions it holds for (read from the charts' templates and upgrade notes).
 */
export interface ChartFacts {
  chart: string;
  /** The versions these facts hold for, as a semver range. */
  versions: string;
  /** Chart versions Helm 2 (werf 1.1) can install: `apiVersion: v1` charts. */
  helm2: { range: string; why: string };
  /** The Service the app connects to, from the chart's fullname. */
  service: { of: (fullname: string) => string; what: string };
  /** Where the subchart's values set the Service port, and its default. */
  port: { path: string; default: number };
  /** Where the subchart's values take the password, and the Secret key the chart stores it under (the Secret is named by the fullname). */
  password: { path: string; secretKey: string };
  /** The image repository the chart's default no longer serves, and where the same tags are now. */
  image?: { path: string; gone: string; now: string; why: string };
}

/**
 * Bitnami moved every versioned image from docker.io/bitnami to docker.io/bitnamilegacy in
 * September 2025; the old charts still name the old place, so their Pods would not pull.
 */
const BITNAMI_LEGACY = 'Bitnami moved its versioned images from docker.io/bitnami to docker.io/bitnamilegacy in September 2025, and the chart still names the old place';

export const CHART_FACTS: Readonly<Record<string, ChartFacts>> = {
  // bitnami/redis: templates/redis-master-svc.yaml names the Service `<fullname>-master`;
  // `master.service.port` and `password` until 14.0.0 renamed them (auth.password, slave → replica).
  redis: {
    chart: 'redis',
    versions: '>=7.0.0 <14.0.0',
    helm2: { range: '<12.0.0', why: 'redis 12.0.0 and later are apiVersion v2 charts, which Helm 2 inside werf 1.1 cannot install (Bitnami dropped Helm 2 in November 2020)' },
    service: { of: (fullname) => `${fullname}-master`, what: 'master Service' },
    port: { path: 'master.service.port', default: 6379 },
    password: { path: 'password', secretKey: 'redis-password' },
    image: { path: 'image.repository', gone: 'bitnami/redis', now: 'bitnamilegacy/redis', why: BITNAMI_LEGACY },
  },
  // bitnami/postgresql: templates/svc.yaml names the Service by the fullname itself;
  // `service.port` and `postgresqlPassword` until 11.0.0 moved them under auth/primary.
  postgresql: {
    chart: 'postgresql',
    versions: '>=8.0.0 <11.0.0',
    helm2: { range: '<10.0.0', why: 'postgresql 10.0.0 and later are apiVersion v2 charts, which Helm 2 inside werf 1.1 cannot install (Bitnami dropped Helm 2 in November 2020)' },
    service: { of: (fullname) => fullname, what: 'Service' },
    port: { path: 'service.port', default: 5432 },
    password: { path: 'postgresqlPassword', secretKey: 'postgresql-password' },
    image: { path: 'image.repository', gone: 'bitnami/postgresql', now: 'bitnamilegacy/postgresql', why: BITNAMI_LEGACY },
  },
};

/**
 * The `<chart>.fullname` helper every chart made by `helm create` has, Bitnami's redis and
 * postgresql included: fullnameOverride if set, else the release name, suffixed with the chart
 * name (or nameOverride) unless the release name already contains it; cut to 63 characters.
 * Written out here because the subchart's own template is not at hand offline.
 */
export function chartFullname(release: string, chart: string, values: Record<string, unknown>): string {
  const cut = (name: string) => name.slice(0, 63).replace(/-$/, ''); // trunc 63, trimSuffix "-"
  const override = values.fullnameOverride;
  if (typeof override === 'string' && override !== '') return cut(override);
  const name = typeof values.nameOverride === 'string' && values.nameOverride !== '' ? values.nameOverride : chart;
  return cut(release.includes(name) ? release : `${release}-${name}`);
}

/** The value at a dotted path of a values map. */
export function valueAtPath(values: unknown, path: string): unknown {
  let node = values;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** Why a pinned chart version does not suit werf 1.1 or these facts, or undefined. */
export function versionProblem(facts: ChartFacts, version: string): string | undefined {
  if (semver.valid(version) === null) return undefined; // requirements.ts reports the version itself
  if (!semver.satisfies(version, facts.helm2.range)) return `${facts.chart} ${version}: ${facts.helm2.why}; pin a version ${facts.helm2.range}`;
  if (!semver.satisfies(version, facts.versions)) return `${facts.chart} ${version}: the naming and values this check knows hold for ${facts.versions}`;
  return undefined;
}
