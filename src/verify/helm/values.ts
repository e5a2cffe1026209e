import { deepMerge } from '../merge.js';

/**
 * What werf 1.1 hands a chart when it deploys, rebuilt for a render without werf: the user's
 * values.yaml merged with secret-values.yaml, then werf's service values under `global`.
 */
export type Environment = 'stage' | 'production';

/** The environments the example's .gitlab-ci.yml deploys to; the chart is rendered for each. */
export const ENVIRONMENTS: readonly Environment[] = ['stage', 'production'];

const REGISTRY = 'registry.example.com';
const TAG = 'verify';

/** Helm's top-level object, minus what the renderer adds itself (Template, Capabilities). */
export interface RenderContext {
  values: Record<string, unknown>;
  release: Record<string, unknown>;
  chart: Record<string, unknown>;
}

/** The image reference werf_container_image prints for `image`, as werf 1.1 names it. */
export function imageReference(project: string, image: string): string {
  return `${REGISTRY}/${project}/${image}:${TAG}`;
}

/** The werf image a rendered `image:` came from, if it is one of ours. */
export function imageFromReference(project: string, reference: string): string | undefined {
  const prefix = `${REGISTRY}/${project}/`;
  const suffix = `:${TAG}`;
  if (!reference.startsWith(prefix) || !reference.endsWith(suffix)) return undefined;
  return reference.slice(prefix.length, -suffix.length);
}

export function renderContext(options: {
  project: string;
  env: Environment;
  images: readonly string[];
  userValues: Record<string, unknown>;
  /** The host of the environment's URL in .gitlab-ci.yml, when the file names one. */
  ciUrl?: string;
}): RenderContext {
  const { project, env } = options;
  const image = Object.fromEntries(
    options.images.map((name) => [
      name,
      { docker_image: imageReference(project, name), docker_image_id: `sha256:${'0'.repeat(64)}`, docker_tag: TAG },
    ]),
  );
  const service = {
    global: {
      env,
      // what the deploy job passes as --set global.ci_url=<the host of $CI_ENVIRONMENT_URL>
      ci_url: options.ciUrl ?? `${env}.example.com`,
      werf: { name: project, is_branch: true, ci: { is_branch: true }, repo: `${REGISTRY}/${project}`, docker_tag: TAG, image },
    },
  };
  const release = `${project}-${env}`; // werf 1.1's default release and namespace: [[ project ]]-[[ env ]]
  return {
    values: deepMerge(options.userValues, service),
    release: { Name: release, Namespace: release, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    chart: { Name: project, Version: '0.1.0' },
  };
}
