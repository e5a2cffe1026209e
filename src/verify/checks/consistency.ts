import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chapter, Check } from '../chapter.js';
import { ciRunImages } from '../consistency/ci-images.js';
import { envReads } from '../consistency/env-reads.js';
import { imageDefaults } from '../consistency/image-defaults.js';
import { consistencyProblems, templateImageNames, type Problem } from '../consistency/rules.js';
import { manifestsOf } from '../helm/manifests.js';
import { TemplateLines } from '../helm/template-lines.js';
import { MANIFEST_FILE, type RunManifest } from '../manifest.js';
import { boundPort } from '../run/command.js';
import { listFiles } from '../../util/files.js';
import type { Finding, Variant } from '../types.js';
import { werfImages } from '../werf/config.js';

/**
 * consistency: the files of a variant agree with each other and with example.json. The app's
 * port = the container's containerPort = what the Service targets, and the Ingress backend is a
 * port of that Service; Service and Deployment selectors match the pod labels; every image the
 * templates name is built by werf.yaml, and so is every image a CI job runs with `werf run`; every
 * image werf.yaml builds runs in a container or a CI job; every variable the app reads without a fallback is set;
 * the container starts example.json's run.command, as the Dockerfile CMD or werf.yaml
 * docker.CMD does, so both variants start the same command. Compared on the real render, for
 * stage and for production (rules in consistency/rules.ts).
 */
export const consistencyCheck: Check = {
  async run(chapter) {
    const manifest = await chapter.manifest();
    if (!manifest.ok) return [{ variant: 'both', status: 'fail', message: manifest.error, file: MANIFEST_FILE }];
    const example = manifest.manifest;
    const findings: Finding[] = [];
    const bound = boundPort(example.run.command);
    if (bound !== undefined && bound !== example.port) {
      findings.push({ variant: 'both', status: 'fail', message: `example.json says port ${example.port}, but run.command binds ${bound}`, file: MANIFEST_FILE });
    }
    for (const variant of chapter.variants()) findings.push(...(await checkVariant(chapter, variant, example)));
    return findings;
  },
};

async function checkVariant(chapter: Chapter, variant: Variant, example: RunManifest): Promise<Finding[]> {
  const outcome = await chapter.render(variant);
  const werf = await chapter.werf(variant);
  if (outcome.status !== 'ok' || werf.status !== 'ok') {
    return [{ variant, status: 'skip', message: 'the chart did not render (see helm-render)' }];
  }
  const helmDir = join(chapter.variantDir(variant), '.helm');
  const problems: (Problem & { envs: string[] })[] = [];
  const add = (problem: Problem, env: string) => {
    const known = problems.find((p) => p.text === problem.text && p.template === problem.template && p.file === problem.file);
    if (known) known.envs.push(env);
    else problems.push({ ...problem, envs: [env] });
  };

  // The render already fails on an unknown image in what it renders; reading the template source
  // also catches one in a branch neither environment takes (`{{ if .Values.worker.enabled }}`).
  const names = new Set(werfImages(werf.config).map((image) => image.name));
  for (const template of await listFiles(join(helmDir, 'templates'))) {
    const text = await readFile(join(helmDir, 'templates', template), 'utf8');
    for (const used of templateImageNames(text)) {
      if (!names.has(used.name)) {
        add({ text: `the chart uses image "${used.name}", which werf.yaml does not build (it builds: ${[...names].join(', ')})`, file: `${variant}/.helm/templates/${template}`, line: used.line }, 'all');
      }
    }
  }

  // A CI job's `werf run` must name an image werf.yaml builds: werf would stop the job otherwise.
  const ciImages = await ciRunImages(chapter.dir, variant);
  for (const run of ciImages) {
    if (!names.has(run.name)) {
      add({ text: `job "${run.job}" runs image "${run.name}" with werf run, which werf.yaml does not build (it builds: ${[...names].join(', ')})`, file: `${variant}/.gitlab-ci.yml`, line: run.line }, 'all');
    }
  }

  const model = {
    example,
    ciImages: new Set(ciImages.map((run) => run.name)),
    project: outcome.project,
    images: await imageDefaults(chapter.dir, variant, werf.config),
    envReads: await envReads(chapter.dir, variant),
  };
  for (const render of outcome.renders) {
    for (const problem of consistencyProblems({ ...model, manifests: manifestsOf(render).manifests })) add(problem, render.env);
  }

  if (problems.length === 0) {
    const apps = example.apps ? `; worker ${example.apps.worker.name}, CronJob ${example.apps.cron.name}, second app ${example.apps.second.name} on port ${example.apps.second.port} at ${example.apps.second.path}: Deployments, Service, Ingress path and Redis setting agree` : '';
    return [{ variant, status: 'pass', message: `app command, port ${example.port}, Service and Ingress routing, selectors, images and env agree${apps}` }];
  }
  const lines = new TemplateLines(helmDir);
  const findings: Finding[] = [];
  for (const problem of problems) {
    const envs = problem.envs.includes('all') ? '' : ` (rendered for ${problem.envs.join(', ')})`;
    const file = problem.file ?? (problem.template ? `${variant}/.helm/${problem.template}` : undefined);
    const line = problem.line ?? (problem.template && problem.key ? await lines.lineOfKey(problem.template, problem.key) : undefined);
    findings.push({ variant, status: 'fail', message: `${problem.text}${envs}`, file, line });
  }
  return findings;
}
