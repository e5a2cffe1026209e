import type { Check } from '../chapter.js';
import { closest } from '../closest.js';
import { describeManifest, manifestsOf, type Manifest } from '../helm/manifests.js';
import { TemplateLines, formatPath } from '../helm/template-lines.js';
import { unknownFields, type KnownFields } from '../k8s/known-fields.js';
import { modelFor, modelProblems } from '../k8s/models.js';
import { minorOf, notServedBecause } from '../k8s/served.js';
import { MANIFEST_FILE } from '../manifest.js';
import type { Finding, Variant } from '../types.js';

/**
 * k8s-schema: every object the chart renders (for stage and production) validated two ways:
 * kubernetes-models' validate() for types and required fields, and the field table generated
 * from kubernetes-types (k8s/known-fields.json) for keys Kubernetes does not have, which the
 * models let through and the API server would silently drop.
 */
export const k8sSchemaCheck: Check = {
  async run(chapter) {
    const table = (await import('../k8s/known-fields.json', { with: { type: 'json' } })).default as KnownFields;
    const findings: Finding[] = [];
    // The Kubernetes version the chart is written for (example.json): each object's API version
    // must be one that version serves, or the cluster refuses the whole release.
    const read = await chapter.manifest();
    const target = read.ok ? read.manifest.kubernetes : undefined;
    const minor = target === undefined ? undefined : minorOf(target);
    for (const variant of chapter.variants()) {
      const outcome = await chapter.render(variant);
      if (outcome.status !== 'ok') {
        findings.push({ variant, status: 'skip', message: 'the chart did not render (see helm-render)' });
        continue;
      }
      const templateLines = new TemplateLines(`${chapter.variantDir(variant)}/.helm`);
      const problems = new Map<string, Problem>();
      const unchecked = new Set<string>();
      let checked = 0;
      for (const render of outcome.renders) {
        for (const manifest of manifestsOf(render).manifests) {
          const kind = `${String(manifest.object.apiVersion)}/${String(manifest.object.kind)}`;
          const loadModel = modelFor(kind);
          const root = table.roots[kind];
          if (!loadModel || !root) {
            unchecked.add(kind);
            continue;
          }
          checked++;
          const found: Omit<Problem, 'envs'>[] = [];
          const notServed = minor === undefined ? undefined : notServedBecause(kind, minor);
          if (notServed) found.push({ manifest, path: ['apiVersion'], text: `${notServed}, and the chart targets Kubernetes ${target} (${MANIFEST_FILE} "kubernetes")` });
          try {
            new (await loadModel())(manifest.object).validate();
          } catch (error) {
            for (const p of modelProblems(error)) found.push({ manifest, path: p.path, text: `${formatPath(p.path) || '(object)'}: ${p.message}` });
          }
          for (const field of unknownFields(table, root, manifest.object)) {
            const guess = closest(field.key, field.known);
            found.push({ manifest, path: field.path, text: `${formatPath(field.path)} is not a Kubernetes field${guess ? ` (did you mean "${guess}"?)` : ''}` });
          }
          for (const problem of found) {
            // the same mistake usually shows in both environments: report it once
            const id = `${manifest.template}\0${describeManifest(manifest)}\0${problem.text}`;
            const known = problems.get(id);
            if (known) known.envs.push(manifest.env);
            else problems.set(id, { ...problem, envs: [manifest.env] });
          }
        }
      }
      for (const problem of problems.values()) findings.push(await toFinding(variant, problem, templateLines));
      if (problems.size === 0) {
        const note = unchecked.size > 0 ? `; not checked (kinds without a model): ${[...unchecked].join(', ')}` : '';
        const version = target === undefined ? '' : ` ${target}`;
        findings.push({ variant, status: 'pass', message: `${checked} rendered objects are valid Kubernetes${version}${note}`, file: `${variant}/.helm` });
      }
    }
    return findings;
  },
};

interface Problem {
  manifest: Manifest;
  path: (string | number)[];
  text: string;
  envs: string[];
}

async function toFinding(variant: Variant, problem: Problem, templateLines: TemplateLines): Promise<Finding> {
  const { manifest } = problem;
  const last = [...problem.path].reverse().find((part) => typeof part === 'string' && !/^\d+$/.test(part));
  const line = typeof last === 'string' ? await templateLines.lineOfKey(manifest.template, last) : undefined;
  return {
    variant,
    status: 'fail',
    message: `${describeManifest(manifest)}: ${problem.text} (rendered for ${problem.envs.join(', ')})`,
    file: `${variant}/.helm/${manifest.template}`,
    line,
  };
}
