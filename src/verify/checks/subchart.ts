import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnvVar } from 'kubernetes-types/core/v1.js';
import type { Chapter, Check } from '../chapter.js';
import { closest } from '../closest.js';
import { containerEnv, podTemplates } from '../consistency/objects.js';
import { readCiConfig } from '../gitlab/ci-config.js';
import { CHART_FACTS, chartFullname, valueAtPath, versionProblem, type ChartFacts } from '../helm/chart-facts.js';
import { manifestsOf } from '../helm/manifests.js';
import { readValues } from '../helm/render.js';
import { conditionValue, readRequirements, type Requirement } from '../helm/requirements.js';
import { ciProblems } from '../helm/subchart-ci.js';
import { deepMerge } from '../merge.js';
import type { RunManifest } from '../manifest.js';
import type { Finding, Variant } from '../types.js';

/**
 * subchart: a chart that declares subcharts in `.helm/requirements.yaml` (Helm 2, werf 1.1),
 * judged offline, where the subcharts themselves cannot be fetched:
 * - requirements.yaml: every dependency has a chart name, a pinned version, a repository that
 *   still serves charts, a well-formed condition (helm/requirements.ts); for a chart whose rules
 *   we know (helm/chart-facts.ts), a version Helm 2 can install;
 * - the subchart's values are under its key (its alias or name): Helm hands a subchart nothing
 *   else; the condition is set there and is true when the app connects to the subchart;
 * - the app's settings (example.json names them) in the rendered Deployment, per environment:
 *   the host is the Service the subchart makes for this release (its fullname rule), the port
 *   is the subchart's port, the password is the subchart's password from secret-values.yaml
 *   (or its Secret);
 * - every job that runs `werf deploy` first runs `werf helm repo init`, `werf helm repo add`
 *   for each repository and `werf helm dependency update` (helm/subchart-ci.ts).
 * A chapter without requirements.yaml gets no finding.
 */
export const subchartCheck: Check = {
  async run(chapter) {
    const read = await chapter.manifest();
    const example = read.ok ? read.manifest : undefined;
    const findings: Finding[] = [];
    for (const variant of chapter.variants()) findings.push(...(await checkVariant(chapter, variant, example)));
    return findings;
  },
};

/** The names of the settings through which the app connects to a subchart, from example.json. */
interface AppSettings {
  host: string;
  port: string;
  password: string;
}

/** Which block of example.json says how the app connects to which chart. */
const APP_SETTINGS: Readonly<Record<string, (example: RunManifest) => AppSettings | undefined>> = {
  redis: (example) => example.redis?.env,
};

async function checkVariant(chapter: Chapter, variant: Variant, example: RunManifest | undefined): Promise<Finding[]> {
  const helmDir = join(chapter.variantDir(variant), '.helm');
  const requirementsFile = `${variant}/.helm/requirements.yaml`;
  const read = await readRequirements(helmDir, requirementsFile);
  if (read.status === 'absent') {
    const expects = example ? Object.keys(APP_SETTINGS).filter((chart) => APP_SETTINGS[chart]!(example)) : [];
    if (expects.length === 0) return [];
    return [{ variant, status: 'fail', message: `example.json says the app connects to ${expects.join(', ')}, but the chart declares no subchart: add .helm/requirements.yaml`, file: `${variant}/.helm` }];
  }
  const findings: Finding[] = read.problems.map((p) => ({ variant, status: 'fail', message: `requirements.yaml ${p.message}`, file: requirementsFile, line: p.line }));
  const fail = (message: string, file?: string, line?: number) => findings.push({ variant, status: 'fail', message, file, line });

  const plain = await readValues(join(helmDir, 'values.yaml'));
  const secret = await readValues(join(helmDir, 'secret-values.yaml'));
  if ('error' in plain || 'error' in secret) return [...findings, { variant, status: 'skip', message: 'the values do not read (see helm-render)' }];
  const values = deepMerge(plain.values, secret.values);
  const valuesText = await readFile(join(helmDir, 'values.yaml'), 'utf8').catch(() => '');
  const keyLine = (key: string) => lineOfTopKey(valuesText, key);

  const said: string[] = [];
  for (const requirement of read.requirements) {
    const { valuesKey: key, name } = requirement;
    const facts = CHART_FACTS[name];
    const problem = facts ? versionProblem(facts, requirement.version) : undefined;
    if (problem) fail(problem, requirementsFile, requirement.line);

    const sub = values[key];
    if (sub === undefined || sub === null || typeof sub !== 'object' || Array.isArray(sub)) {
      const others = Object.keys(values).filter((k) => k !== 'app' && k !== 'global' && typeof values[k] === 'object');
      const near = closest(key, others) ?? others.find((k) => looksLikeValuesOf(values[k], facts, requirement));
      fail(
        `the values of subchart ${name} must be under \`${key}:\` (its ${requirement.valuesKey === name ? 'name' : 'alias'} in requirements.yaml): Helm hands a subchart only that part of the parent's values${near ? `; \`${near}:\` looks like them, but Helm passes it to no subchart` : '; values.yaml has none'}`,
        `${variant}/.helm/values.yaml`,
        near ? keyLine(near) : undefined,
      );
      continue;
    }
    const settings = example ? APP_SETTINGS[name]?.(example) : undefined;
    const image = facts?.image;
    if (image) {
      const repository = valueAtPath(sub, image.path);
      if (repository === undefined || repository === image.gone) {
        fail(`${key}.${image.path} is ${repository === undefined ? `the chart's default ${image.gone}` : image.gone}, which no longer serves the chart's image: ${image.why}; set ${key}.${image.path}: ${image.now}`, `${variant}/.helm/values.yaml`, keyLine(key));
      }
    }
    if (requirement.condition) {
      const state = conditionValue(values, requirement.condition);
      if (!state.path) {
        fail(`condition ${requirement.condition.join(',')} of ${name} is set nowhere in the values: Helm 2 then deploys the subchart whatever you meant; set \`${requirement.condition[0]}: true\``, `${variant}/.helm/values.yaml`, keyLine(key));
      } else if (!state.enabled && settings) {
        fail(`${state.path} is false, so Helm does not deploy ${name}, but the app connects to it (${settings.host})`, `${variant}/.helm/values.yaml`, keyLine(key));
      }
    }
    if (!facts || !settings) {
      said.push(`${name} ${requirement.version} from ${requirement.repository}, values under ${key}`);
      continue;
    }
    const before = findings.length;
    const hosts = await checkAppSettings(chapter, variant, { requirement, facts, settings, sub: sub as Record<string, unknown>, plain: plain.values, secret: secret.values }, fail);
    if (findings.length === before) {
      const port = valueAtPath(sub, facts.port.path) ?? facts.port.default;
      said.push(`${name} ${requirement.version} from ${requirement.repository}, values under ${key}; the app's ${settings.host} is the subchart's ${facts.service.what} (${hosts.join(', ')}), ${settings.port} ${String(port)}, ${settings.password} the subchart's password from secret-values.yaml`);
    }
  }

  const ci = await readCiConfig(chapter.dir, variant);
  if (ci.status === 'ok') {
    const { problems, deployJobs } = ciProblems(ci.config, read.requirements);
    for (const p of problems) fail(p.message, ci.config.file, p.line);
    if (deployJobs.length > 0) said.push(`${deployJobs.join(', ')} fetch the subcharts (werf helm repo init, werf helm repo add, werf helm dependency update) before werf deploy`);
  }
  if (findings.length > 0) return findings;
  return [{ variant, status: 'pass', message: `${said.join('; ')}; the chart renders with the dependencies declared but not fetched: the subcharts themselves were not rendered`, file: requirementsFile }];
}

interface SubchartUse {
  requirement: Requirement;
  facts: ChartFacts;
  settings: AppSettings;
  sub: Record<string, unknown>;
  plain: Record<string, unknown>;
  secret: Record<string, unknown>;
}

/** The app's host, port and password as the Deployment sets them, against what the subchart makes, per environment. */
async function checkAppSettings(chapter: Chapter, variant: Variant, use: SubchartUse, fail: (message: string, file?: string, line?: number) => void): Promise<string[]> {
  const { requirement, facts, settings, sub } = use;
  const key = requirement.valuesKey;
  const secretPath = `${key}.${facts.password.path}`;
  const inPlain = valueAtPath(use.plain, secretPath);
  const inSecret = valueAtPath(use.secret, secretPath);
  if (inPlain !== undefined) fail(`${secretPath} is in values.yaml, which werf keeps in plain text: put the password in secret-values.yaml`, `${variant}/.helm/values.yaml`, undefined);

  const outcome = await chapter.render(variant);
  if (outcome.status !== 'ok') return []; // helm-render reports it
  const reported = new Set<string>();
  const hosts: string[] = [];
  for (const render of outcome.renders) {
    const release = `${outcome.project}-${render.env}`; // werf 1.1's release name: <project>-<env>
    const fullname = chartFullname(release, requirement.name, sub);
    const host = facts.service.of(fullname);
    const port = String(valueAtPath(sub, facts.port.path) ?? facts.port.default);
    const password = valueAtPath(sub, facts.password.path);
    const found = appEnv(manifestsOf(render).manifests, settings.host);
    if (!found) {
      if (!reported.has('missing')) fail(`no container of the chart sets ${settings.host}, the setting the app connects to ${requirement.name} with`, `${variant}/.helm/templates`);
      reported.add('missing');
      return hosts;
    }
    const { env, template } = found;
    const where = async (name: string) => ({ file: `${variant}/.helm/${template}`, line: await lineOfEnv(join(chapter.variantDir(variant), '.helm', template), name) });
    const report = async (id: string, message: string, name: string) => {
      if (reported.has(id)) return;
      reported.add(id);
      const at = await where(name);
      fail(message, at.file, at.line);
    };
    hosts.push(`${host} for ${render.env}`);
    const hostVar = env.get(settings.host);
    if (hostVar?.value !== host) {
      await report('host', `the app's ${settings.host} is ${JSON.stringify(hostVar?.value ?? hostVar?.valueFrom ?? null)} for ${render.env}, but the subchart's ${facts.service.what} there is ${host} (release ${release}, ${describeFullname(sub, requirement.name)}): the app would not reach ${requirement.name}`, settings.host);
    }
    const portVar = env.get(settings.port);
    if (portVar?.value !== port) await report('port', `the app's ${settings.port} is ${JSON.stringify(portVar?.value ?? null)} for ${render.env}, but the subchart's port (${key}.${facts.port.path}) is ${port}`, settings.port);
    const passwordVar = env.get(settings.password);
    const ref = passwordVar?.valueFrom?.secretKeyRef;
    if (ref) {
      if (ref.name !== fullname || ref.key !== facts.password.secretKey) {
        await report('password', `the app's ${settings.password} comes from Secret ${ref.name} key ${ref.key}, but ${requirement.name} keeps its password in Secret ${fullname} key ${facts.password.secretKey} (for ${render.env})`, settings.password);
      }
    } else if (password === undefined || password === '') {
      await report('password', `${key}.${facts.password.path} is set nowhere: ${requirement.name} would make up a random password the app never learns; set it in secret-values.yaml`, settings.password);
    } else if (passwordVar?.value !== String(password)) {
      await report('password', `the app's ${settings.password} is not the subchart's password (${key}.${facts.password.path}) for ${render.env}: take it from .Values.${key}.${facts.password.path}`, settings.password);
    } else if (inSecret === undefined) {
      await report('password-source', `${key}.${facts.password.path} does not come from secret-values.yaml: keep the password there, encrypted by werf`, settings.password);
    }
  }
  return hosts;
}

function describeFullname(sub: Record<string, unknown>, chart: string): string {
  if (typeof sub.fullnameOverride === 'string' && sub.fullnameOverride) return `fullnameOverride ${sub.fullnameOverride}`;
  return `chart name ${typeof sub.nameOverride === 'string' && sub.nameOverride ? sub.nameOverride : chart}, no fullnameOverride`;
}

/** The env of the first container that sets `name`, by variable name, with its template. */
function appEnv(manifests: ReturnType<typeof manifestsOf>['manifests'], name: string): { env: Map<string, EnvVar>; template: string } | undefined {
  for (const pod of podTemplates(manifests)) {
    for (const container of pod.containers) {
      const env = new Map(containerEnv(container).map((e) => [e.name, e]));
      if (env.has(name)) return { env, template: pod.owner.template };
    }
  }
  return undefined;
}

/** Whether a map of values looks meant for this subchart: it has keys the chart reads. */
function looksLikeValuesOf(value: unknown, facts: ChartFacts | undefined, requirement: Requirement): boolean {
  if (value === null || typeof value !== 'object') return false;
  const keys = [facts?.port.path.split('.')[0], facts?.password.path.split('.')[0], 'fullnameOverride', ...(requirement.condition ?? []).map((c) => c.split('.').slice(1).join('.'))];
  return keys.some((k) => k !== undefined && k !== '' && k in (value as Record<string, unknown>));
}

function lineOfTopKey(text: string, key: string): number | undefined {
  const i = text.split('\n').findIndex((line) => new RegExp(`^["']?${key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}["']?\\s*:`).test(line));
  return i === -1 ? undefined : i + 1;
}

async function lineOfEnv(path: string, name: string): Promise<number | undefined> {
  const lines = (await readFile(path, 'utf8').catch(() => '')).split('\n');
  const i = lines.findIndex((line) => new RegExp(`^\\s*-?\\s*name:\\s*["']?${name}["']?\\s*$`).test(line));
  return i === -1 ? undefined : i + 1;
}
