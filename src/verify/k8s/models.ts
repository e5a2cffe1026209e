/**
 * The kubernetes-models class that validates each kind in roots.ts. Its validate() is ajv
 * compiled from the Kubernetes OpenAPI schema: it catches wrong types and missing required
 * fields (a string containerPort, a Service port without `port`), though not unknown keys.
 */
export interface ValidatingModel {
  validate(): void;
}

type ModelClass = new (data: Record<string, unknown>) => ValidatingModel;

/** Each class is typed for its own data; we hand it whatever the chart rendered, to be judged. */
const asModel = (cls: unknown) => cls as ModelClass;

const MODELS: Readonly<Record<string, () => Promise<ModelClass>>> = {
  'apps/v1/Deployment': async () => asModel((await import('kubernetes-models/apps/v1/Deployment')).Deployment),
  'v1/Service': async () => asModel((await import('kubernetes-models/v1/Service')).Service),
  'v1/ConfigMap': async () => asModel((await import('kubernetes-models/v1/ConfigMap')).ConfigMap),
  'v1/Secret': async () => asModel((await import('kubernetes-models/v1/Secret')).Secret),
  'networking.k8s.io/v1/Ingress': async () => asModel((await import('kubernetes-models/networking.k8s.io/v1/Ingress')).Ingress),
  'networking.k8s.io/v1beta1/Ingress': async () => asModel((await import('kubernetes-models/networking.k8s.io/v1beta1/Ingress')).Ingress),
  'extensions/v1beta1/Ingress': async () => asModel((await import('kubernetes-models/extensions/v1beta1/Ingress')).Ingress),
  'batch/v1/Job': async () => asModel((await import('kubernetes-models/batch/v1/Job')).Job),
  'batch/v1/CronJob': async () => asModel((await import('kubernetes-models/batch/v1/CronJob')).CronJob),
  'batch/v1beta1/CronJob': async () => asModel((await import('kubernetes-models/batch/v1beta1/CronJob')).CronJob),
};

export function modelFor(kind: string): (() => Promise<ModelClass>) | undefined {
  return MODELS[kind];
}

/** One problem validate() found: where in the object, and what. */
export interface ModelProblem {
  path: string[];
  message: string;
}

/** kubernetes-models throws a ValidationError carrying ajv's errors; this turns them into problems. */
export function modelProblems(error: unknown): ModelProblem[] {
  const errors = (error as { errors?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[] }).errors;
  if (!Array.isArray(errors)) return [{ path: [], message: (error as Error).message }];
  return errors.map((e) => {
    const path = (e.instancePath ?? '').split('/').filter(Boolean);
    const missing = e.params?.missingProperty;
    const message = missing ? `missing required field "${String(missing)}"` : (e.message ?? 'invalid');
    return { path, message };
  });
}
