/**
 * Which Kubernetes versions serve each `apiVersion/kind` k8s-schema knows (minor versions of 1.x,
 * both ends included). From Kubernetes' deprecated API migration guide and the release notes of
 * the versions that brought each API to GA. Written down here because no package carries it:
 * kubernetes-models and kubernetes-types hold the schemas, not the versions that serve them.
 */
export interface Served {
  since: number;
  /** The last minor version that serves it; absent while it is still served. */
  until?: number;
}

export const SERVED: Readonly<Record<string, Served>> = {
  'v1/Service': { since: 0 },
  'v1/Secret': { since: 0 },
  'v1/ConfigMap': { since: 2 },
  'apps/v1/Deployment': { since: 9 },
  'batch/v1/Job': { since: 2 },
  // CronJob: beta from 1.8, GA as batch/v1 in 1.21, the beta removed in 1.25
  'batch/v1beta1/CronJob': { since: 8, until: 24 },
  'batch/v1/CronJob': { since: 21 },
  // Ingress: networking.k8s.io/v1 from 1.19; both betas removed in 1.22
  'extensions/v1beta1/Ingress': { since: 1, until: 21 },
  'networking.k8s.io/v1beta1/Ingress': { since: 14, until: 21 },
  'networking.k8s.io/v1/Ingress': { since: 19 },
};

/** `1.20` → 20; undefined for anything else. */
export function minorOf(version: string): number | undefined {
  const match = /^1\.(\d+)$/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/**
 * Why Kubernetes 1.<minor> cannot take an object of this kind, or undefined when it serves it (or
 * when the kind is not in the table: k8s-schema says so separately).
 */
export function notServedBecause(kind: string, minor: number): string | undefined {
  const served = SERVED[kind];
  if (!served) return undefined;
  const [apiVersion, name] = [kind.slice(0, kind.lastIndexOf('/')), kind.slice(kind.lastIndexOf('/') + 1)];
  const others = Object.entries(SERVED)
    .filter(([other, s]) => other.endsWith(`/${name}`) && other !== kind && s.since <= minor && (s.until === undefined || minor <= s.until))
    .map(([other]) => other.slice(0, other.lastIndexOf('/')));
  const instead = others.length > 0 ? `; Kubernetes 1.${minor} serves ${name} as ${others.join(', ')}` : '';
  if (minor < served.since) return `${apiVersion} ${name} is served from Kubernetes 1.${served.since} on${instead}`;
  if (served.until !== undefined && minor > served.until) return `${apiVersion} ${name} was removed after Kubernetes 1.${served.until}${instead}`;
  return undefined;
}
