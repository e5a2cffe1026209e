import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import semver from 'semver';

/**
 * `.helm/requirements.yaml`: the subcharts a Helm 2 chart depends on, as werf 1.1 reads them
 * (`werf helm dependency update` fetches them into `.helm/charts/` before `werf deploy`).
 * Read here offline: nothing is downloaded, so what can be judged is the declaration itself.
 */
export interface Requirement {
  name: string;
  version: string;
  repository: string;
  /** Dotted paths into the parent's values; Helm 2 uses the first one that exists. */
  condition?: string[];
  /** The key the subchart's values live under in the parent: its alias, else its name. */
  valuesKey: string;
  /** 1-based line of the entry in requirements.yaml. */
  line: number;
}

export interface RequirementProblem {
  message: string;
  line?: number;
}

export type RequirementsRead =
  | { status: 'absent' }
  | { status: 'read'; file: string; requirements: Requirement[]; problems: RequirementProblem[] };

export const REQUIREMENTS_FILE = 'requirements.yaml';

/**
 * Chart repositories that no longer serve charts. Google's buckets behind Helm's `stable` and
 * `incubator` were switched off when the project retired them (November 2020); Helm moved a
 * read-only copy to charts.helm.sh, and the charts themselves moved on to their maintainers'
 * repositories (Bitnami for redis and postgresql).
 */
const RETIRED_REPOSITORIES: readonly { host: string; instead: string }[] = [
  { host: 'kubernetes-charts.storage.googleapis.com', instead: 'the repository that publishes the chart now (Bitnami for redis and postgresql)' },
  { host: 'kubernetes-charts-incubator.storage.googleapis.com', instead: 'the repository that publishes the chart now' },
];

/** A chart name as Helm 2 accepts it in requirements.yaml (it becomes a folder under charts/). */
const CHART_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export async function readRequirements(helmDir: string, shownAs: string): Promise<RequirementsRead> {
  const path = join(helmDir, REQUIREMENTS_FILE);
  if (!existsSync(path)) return { status: 'absent' };
  return { status: 'read', file: shownAs, ...parseRequirements(await readFile(path, 'utf8')) };
}

/** Every problem of the file is reported, each at its line, so one run shows all there is to fix. */
export function parseRequirements(text: string): { requirements: Requirement[]; problems: RequirementProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  if (doc.errors[0]) return { requirements: [], problems: [{ message: `not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, line: lines.linePos(doc.errors[0].pos[0]).line }] };
  const root = doc.contents;
  const list = isMap(root) ? root.get('dependencies', true) : undefined;
  if (!isSeq(list) || list.items.length === 0) {
    return { requirements: [], problems: [{ message: 'has no `dependencies:` list; Helm 2 reads the subcharts from `dependencies:` (a list of name, version, repository)', line: lineOf(root as Node) ?? 1 }] };
  }
  const requirements: Requirement[] = [];
  const problems: RequirementProblem[] = [];
  for (const item of list.items) {
    const line = lineOf(item as Node) ?? 1;
    if (!isMap(item)) {
      problems.push({ message: 'a dependency must be a map with name, version and repository', line });
      continue;
    }
    const field = (key: string): { value: unknown; line: number } => {
      const node = item.get(key, true) as Node | undefined;
      return { value: (item.toJSON() as Record<string, unknown>)[key], line: lineOf(node) ?? line };
    };
    const name = field('name');
    const version = field('version');
    const repository = field('repository');
    const condition = field('condition');
    const alias = field('alias');
    const start = problems.length;
    if (typeof name.value !== 'string' || name.value === '') problems.push({ message: 'a dependency has no `name:` (the chart\'s name in its repository, e.g. redis)', line });
    else if (!CHART_NAME.test(name.value)) problems.push({ message: `name "${name.value}" is not a chart name (lower-case letters, digits and dashes)`, line: name.line });
    const label = typeof name.value === 'string' && name.value ? `dependency ${name.value}` : 'a dependency';
    if (version.value === undefined || version.value === null || String(version.value).trim() === '') {
      problems.push({ message: `${label} has no \`version:\`; without one \`werf helm dependency update\` cannot pick a chart, and an unpinned chart changes under you: pin the version the text was checked with`, line });
    } else if (typeof version.value !== 'string' || semver.valid(version.value) === null) {
      const range = typeof version.value === 'string' && semver.validRange(version.value) !== null;
      problems.push({
        message: range
          ? `${label} asks for the range "${version.value}": every \`werf helm dependency update\` may fetch another chart; pin one version (e.g. ${semver.minVersion(version.value as string)?.version ?? '1.2.3'})`
          : `${label} has version ${JSON.stringify(version.value)}, which is not a chart version (semver, e.g. 11.3.4; quote it in YAML)`,
        line: version.line,
      });
    }
    const repositoryProblem = checkRepository(repository.value);
    if (repositoryProblem) problems.push({ message: `${label}: ${repositoryProblem}`, line: repository.line });
    let conditions: string[] | undefined;
    if (condition.value !== undefined) {
      if (typeof condition.value !== 'string' || !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*(,[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)*$/.test(condition.value.replace(/\s/g, ''))) {
        problems.push({ message: `${label}: condition ${JSON.stringify(condition.value)} must be a dotted path into the values (e.g. redis.enabled), several separated by commas`, line: condition.line });
      } else conditions = condition.value.replace(/\s/g, '').split(',');
    }
    if (alias.value !== undefined && (typeof alias.value !== 'string' || !CHART_NAME.test(alias.value))) {
      problems.push({ message: `${label}: alias ${JSON.stringify(alias.value)} is not a chart name`, line: alias.line });
    }
    if (problems.length > start) continue;
    requirements.push({
      name: name.value as string,
      version: version.value as string,
      repository: repository.value as string,
      condition: conditions,
      valuesKey: (alias.value as string | undefined) ?? (name.value as string),
      line,
    });
  }
  return { requirements, problems };
}

/** What is wrong with a `repository:` value, or undefined. */
function checkRepository(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') {
    return 'no `repository:`; give the URL of the chart repository (`werf helm dependency update` fetches the chart from there)';
  }
  if (typeof value !== 'string') return 'repository must be a URL';
  // `@name`/`alias:name` refer to a repository added by `werf helm repo add`; file:// to a chart next to this one
  if (/^(@|alias:)[\w.-]+$/.test(value) || value.startsWith('file://')) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `repository "${value}" is not a URL (https://…, file://…, or @name of a repository added with \`werf helm repo add\`)`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `repository "${value}" has scheme ${url.protocol}; Helm 2 fetches charts over http(s)`;
  const retired = RETIRED_REPOSITORIES.find((r) => r.host === url.host);
  if (retired) return `repository ${value} no longer serves charts (Helm's stable and incubator repositories were retired in November 2020); use ${retired.instead}`;
  return undefined;
}

/** Helm 2's `condition`: the first path that holds a boolean decides; none found leaves the subchart on. */
export function conditionValue(values: Record<string, unknown>, condition: readonly string[] | undefined): { enabled: boolean; path?: string } {
  for (const path of condition ?? []) {
    let node: unknown = values;
    for (const key of path.split('.')) node = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    if (typeof node === 'boolean') return { enabled: node, path };
  }
  return { enabled: true };
}
