/**
 * The Kubernetes kinds k8s-schema knows, by `apiVersion/kind`: where kubernetes-models keeps the
 * validating class, and where the TypeScript interface that lists its fields lives. Field lists
 * come from kubernetes-types where it still has the API version; kubernetes-types 1.30 dropped
 * the v1beta1 versions werf 1.1-era charts use, so for those kubernetes-models' own interfaces.
 */
export interface KindSource {
  /** Module and interface name, for generate-known-fields.ts. */
  types: { module: string; name: string };
}

export const KINDS: Readonly<Record<string, KindSource>> = {
  'apps/v1/Deployment': { types: { module: 'kubernetes-types/apps/v1.js', name: 'Deployment' } },
  'v1/Service': { types: { module: 'kubernetes-types/core/v1.js', name: 'Service' } },
  'v1/ConfigMap': { types: { module: 'kubernetes-types/core/v1.js', name: 'ConfigMap' } },
  'v1/Secret': { types: { module: 'kubernetes-types/core/v1.js', name: 'Secret' } },
  'networking.k8s.io/v1/Ingress': { types: { module: 'kubernetes-types/networking/v1.js', name: 'Ingress' } },
  'networking.k8s.io/v1beta1/Ingress': { types: { module: 'kubernetes-models/networking.k8s.io/v1beta1/Ingress', name: 'IIngress' } },
  'extensions/v1beta1/Ingress': { types: { module: 'kubernetes-models/extensions/v1beta1/Ingress', name: 'IIngress' } },
  'batch/v1/Job': { types: { module: 'kubernetes-types/batch/v1.js', name: 'Job' } },
  'batch/v1/CronJob': { types: { module: 'kubernetes-types/batch/v1.js', name: 'CronJob' } },
  'batch/v1beta1/CronJob': { types: { module: 'kubernetes-models/batch/v1beta1/CronJob', name: 'ICronJob' } },
};
