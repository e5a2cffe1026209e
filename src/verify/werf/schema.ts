/**
 * JSON Schemas (draft-07) for the werf 1.1 werf.yaml directives our trees use. werf publishes no
 * schema; this one follows the werf 1.1 configuration reference (documentation/configuration/
 * stapel_image/*, dockerfile_image.md, introduction.md). Every object is closed
 * (`additionalProperties: false`), so a typo such as `imagee:` or `stageDependency:` fails instead
 * of being silently ignored the way werf 1.1 itself would not.
 *
 * There is one schema per document kind, chosen by the runner (meta, Stapel image, Dockerfile
 * image, artifact), because one schema with `oneOf` would answer a typo with "must match exactly
 * one schema" instead of naming the key.
 */

const string = { type: 'string' } as const;
const stringOrList = { type: ['string', 'array'], items: string } as const;
const scalar = { type: ['string', 'number', 'boolean'] } as const;

/** A name, `~` for the one nameless image, or a list of names for identical images. */
const imageName = { type: ['string', 'null', 'array'], items: string } as const;

const stapelStages = ['beforeInstall', 'install', 'beforeSetup', 'setup'] as const;

const shell = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(stapelStages.map((stage) => [stage, stringOrList])),
    ...Object.fromEntries(stapelStages.map((stage) => [`${stage}CacheVersion`, string])),
    cacheVersion: string,
  },
} as const;

const ansible = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // each stage is a list of Ansible tasks: open objects, Ansible checks the modules
    ...Object.fromEntries(stapelStages.map((stage) => [stage, { type: 'array', items: { type: 'object' } }])),
    ...Object.fromEntries(stapelStages.map((stage) => [`${stage}CacheVersion`, string])),
    cacheVersion: string,
  },
} as const;

const git = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['to'],
    properties: {
      add: string,
      to: string,
      url: string,
      branch: string,
      tag: string,
      commit: string,
      as: string,
      owner: string,
      group: string,
      includePaths: stringOrList,
      excludePaths: stringOrList,
      stageDependencies: {
        type: 'object',
        additionalProperties: false,
        properties: { install: stringOrList, beforeSetup: stringOrList, setup: stringOrList },
      },
    },
  },
} as const;

const mount = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['to'],
    properties: { from: { enum: ['tmp_dir', 'build_dir'] }, fromPath: string, to: string },
  },
} as const;

const importItem = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['add'],
    properties: {
      artifact: string,
      image: string,
      add: string,
      to: string,
      before: { enum: ['install', 'setup'] },
      after: { enum: ['install', 'setup'] },
      owner: string,
      group: string,
      includePaths: stringOrList,
      excludePaths: stringOrList,
    },
  },
} as const;

const docker = {
  type: 'object',
  additionalProperties: false,
  properties: {
    WORKDIR: string,
    CMD: stringOrList,
    ENTRYPOINT: stringOrList,
    EXPOSE: stringOrList,
    ENV: { type: 'object', additionalProperties: scalar },
    LABEL: { type: 'object', additionalProperties: scalar },
    USER: string,
    VOLUME: stringOrList,
    HEALTHCHECK: string,
  },
} as const;

/** What images and artifacts share: the base image and the Stapel build instructions. */
const stapelBase = {
  from: string,
  fromLatest: { type: 'boolean' },
  fromImage: string,
  fromArtifact: string,
  fromCacheVersion: string,
  git,
  shell,
  ansible,
  mount,
  import: importItem,
  asLayers: { type: 'boolean' },
} as const;

export const metaSchema = {
  $id: 'stackdoc:werf-1.1/meta',
  type: 'object',
  additionalProperties: false,
  required: ['project', 'configVersion'],
  properties: {
    project: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    configVersion: { const: 1 },
    deploy: {
      type: 'object',
      additionalProperties: false,
      properties: { helmRelease: string, helmReleaseSlug: { type: 'boolean' }, namespace: string, namespaceSlug: { type: 'boolean' } },
    },
  },
} as const;

export const stapelImageSchema = {
  $id: 'stackdoc:werf-1.1/stapel-image',
  type: 'object',
  additionalProperties: false,
  required: ['image'],
  properties: { image: imageName, ...stapelBase, docker },
} as const;

export const artifactSchema = {
  $id: 'stackdoc:werf-1.1/artifact',
  type: 'object',
  additionalProperties: false,
  required: ['artifact'],
  properties: { artifact: string, ...stapelBase },
} as const;

export const dockerfileImageSchema = {
  $id: 'stackdoc:werf-1.1/dockerfile-image',
  type: 'object',
  additionalProperties: false,
  required: ['image', 'dockerfile'],
  properties: {
    image: imageName,
    dockerfile: string,
    context: string,
    target: string,
    args: { type: 'object', additionalProperties: scalar },
    addHost: stringOrList,
    network: string,
    ssh: string,
  },
} as const;

export const stapelStageNames = stapelStages;
