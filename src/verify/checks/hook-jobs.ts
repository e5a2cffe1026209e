import type { Chapter } from '../chapter.js';
import { annotationProblem, hooksOf, hookWeight } from '../helm/hooks.js';
import { annotationsOf, renderedJobs, type RenderedJob } from '../helm/jobs.js';
import { describeManifest, manifestsOf, type Manifest } from '../helm/manifests.js';
import { TemplateLines } from '../helm/template-lines.js';
import { imageFromReference } from '../helm/values.js';
import { MANIFEST_FILE, type DatabaseManifest } from '../manifest.js';
import type { Finding, Variant } from '../types.js';
import { werfImages } from '../werf/config.js';

/** What Kubernetes accepts for a Job's Pod: `Always` (also the default when unset) is rejected. */
const JOB_RESTART_POLICIES = ['OnFailure', 'Never'];

/**
 * hook-jobs: the chart's Jobs and annotations as a werf 1.1 deploy reads them.
 *
 * - every `helm.sh/…` and `werf.io/…` annotation on any object is one Helm 2 or werf 1.1 reads,
 *   with a value it understands (Kubernetes stores any annotation, so a typo is silently ignored);
 * - every Job's Pod says `restartPolicy: OnFailure` or `Never`;
 * - every container of a Job, init containers included, runs an image werf builds (through
 *   werf_container_image), so the Job runs the very code of the release it belongs to;
 * - with a database (example.json `database`): the migration Job runs on `post-install` (the
 *   database subchart's objects do not exist before the first install) and on `pre-upgrade`
 *   (before the new version serves traffic), the fixture Job on `post-install` only (once, on the
 *   first deploy) and after the migrations (a higher `helm.sh/hook-weight`).
 *
 * A chart with no Job and no such annotation gets no result.
 */
export const hookJobsCheck = {
  async run(chapter: Chapter): Promise<Finding[]> {
    const read = await chapter.manifest();
    const database = read.ok ? read.manifest.database : undefined;
    const findings: Finding[] = [];
    for (const variant of chapter.variants()) {
      const outcome = await chapter.render(variant);
      if (outcome.status !== 'ok') {
        if (database) findings.push({ variant, status: 'skip', message: 'the chart did not render (see helm-render)' });
        continue;
      }
      const werf = await chapter.werf(variant);
      const built = werf.status === 'ok' ? werfImages(werf.config).filter((i) => i.kind === 'image').map((i) => i.name) : [];
      const lines = new TemplateLines(`${chapter.variantDir(variant)}/.helm`);
      const problems = new Map<string, Finding>();
      let jobs: RenderedJob[] = [];
      let annotated = 0;
      for (const render of outcome.renders) {
        const { manifests } = manifestsOf(render);
        const envJobs = renderedJobs(manifests);
        if (render.env === 'production') jobs = envJobs;
        for (const manifest of manifests) {
          for (const [key, value] of Object.entries(annotationsOf(manifest))) {
            if (!key.startsWith('helm.sh/') && !key.startsWith('werf.io/')) continue;
            if (render.env === 'production') annotated++;
            const problem = annotationProblem(key, value);
            if (problem) await add(manifest, key, `${describeManifest(manifest)}: ${problem}`);
          }
        }
        for (const job of envJobs) {
          if (!JOB_RESTART_POLICIES.includes(String(job.restartPolicy))) {
            const said = job.restartPolicy === undefined ? 'sets no restartPolicy, so it is Always' : `has restartPolicy ${String(job.restartPolicy)}`;
            await add(job.manifest, 'restartPolicy', `Job ${job.name} ${said}, which Kubernetes rejects for a Job: use OnFailure (retry in the same Pod) or Never`);
          }
          for (const container of [...job.initContainers, ...job.containers]) {
            const image = typeof container.image === 'string' ? imageFromReference(outcome.project, container.image) : undefined;
            if (image === undefined || !built.includes(image)) {
              await add(job.manifest, 'image', `Job ${job.name} container ${container.name} runs ${JSON.stringify(container.image ?? '(no image)')}, not an image werf builds (werf.yaml builds: ${built.join(', ') || 'none'}); use {{ tuple "<image>" . | include "werf_container_image" }} so the Job runs the release's own code`);
            }
          }
        }
      }
      if (database && read.ok) {
        for (const problem of databaseJobProblems(jobs, database)) await add(problem.manifest, problem.key, problem.text, problem.template);
      }
      if (problems.size > 0) findings.push(...problems.values());
      else if (jobs.length > 0 || annotated > 0) {
        findings.push({ variant, status: 'pass', message: `${jobs.length} Job${jobs.length === 1 ? '' : 's'} (${jobs.map(jobSummary).join('; ')}): restartPolicy valid, images built by werf, ${annotated} helm.sh/werf.io annotations read by Helm 2 and werf 1.1`, file: `${variant}/.helm` });
      }

      async function add(manifest: Manifest | undefined, key: string, message: string, template = manifest?.template): Promise<void> {
        if (problems.has(message)) return;
        const line = template && manifest ? await lines.lineOfKey(template, key) : undefined;
        problems.set(message, { variant: variant as Variant, status: 'fail', message, file: template ? `${variant}/.helm/${template}` : MANIFEST_FILE, line });
      }
    }
    return findings;
  },
};

function jobSummary(job: RenderedJob): string {
  const hooks = hooksOf(job.annotations);
  return `${job.name}${hooks.length ? ` on ${hooks.join(',')}, weight ${hookWeight(job.annotations)}` : ''}`;
}

interface JobProblem {
  manifest?: Manifest;
  template?: string;
  key: string;
  text: string;
}

/** The order a database needs: migrations after the first install and before each upgrade, fixtures once, after them. */
export function databaseJobProblems(jobs: readonly RenderedJob[], database: DatabaseManifest): JobProblem[] {
  const problems: JobProblem[] = [];
  const find = (template: string) => jobs.find((j) => j.manifest.template === template);
  const migrations = find(database.jobs.migrations);
  const fixtures = find(database.jobs.fixtures);
  if (!migrations) problems.push({ template: database.jobs.migrations, key: 'kind', text: `${database.jobs.migrations} renders no Job (example.json names it as the migration Job)` });
  if (!fixtures) problems.push({ template: database.jobs.fixtures, key: 'kind', text: `${database.jobs.fixtures} renders no Job (example.json names it as the fixture Job)` });
  if (!migrations || !fixtures) return problems;
  const migrate = hooksOf(migrations.annotations);
  const load = hooksOf(fixtures.annotations);
  const at = (job: RenderedJob) => ({ manifest: job.manifest, key: 'helm.sh/hook' });
  if (migrate.length === 0) problems.push({ ...at(migrations), text: `Job ${migrations.name} is no Helm hook: it would run alongside the new version, not before it; annotate it "helm.sh/hook": post-install,pre-upgrade` });
  else {
    if (migrate.includes('pre-install')) problems.push({ ...at(migrations), text: `Job ${migrations.name} runs on pre-install: on the first deploy the database subchart's objects do not exist yet, so it waits for a database that never comes; use post-install` });
    else if (!migrate.includes('post-install')) problems.push({ ...at(migrations), text: `Job ${migrations.name} does not run on post-install: the first deploy would leave the database without tables` });
    if (!migrate.includes('pre-upgrade')) problems.push({ ...at(migrations), text: `Job ${migrations.name} does not run on pre-upgrade: a new version would serve traffic before its migrations ran` });
  }
  const again = load.filter((h) => h !== 'post-install');
  if (!load.includes('post-install')) problems.push({ ...at(fixtures), text: `Job ${fixtures.name} does not run on post-install, so the first deploy loads no fixtures` });
  if (again.length > 0) problems.push({ ...at(fixtures), text: `Job ${fixtures.name} also runs on ${again.join(', ')}: fixtures would be loaded again on every deploy, over the data users made; keep it post-install only` });
  if (load.includes('post-install') && migrate.includes('post-install') && hookWeight(fixtures.annotations) <= hookWeight(migrations.annotations)) {
    problems.push({ manifest: fixtures.manifest, key: 'helm.sh/hook-weight', text: `Job ${fixtures.name} has helm.sh/hook-weight ${hookWeight(fixtures.annotations)}, not more than the migrations' ${hookWeight(migrations.annotations)}: on the first deploy the fixtures could run before the tables exist` });
  }
  return problems;
}
