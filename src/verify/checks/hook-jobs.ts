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
 * - with a database (example.json `database`): the migration Job and the fixture Job run on
 *   `post-install` and `post-upgrade`, the fixtures after the migrations (a higher
 *   `helm.sh/hook-weight`). werf creates the database subchart's objects with the release's
 *   other objects, after the pre-hooks, so a pre-hook would wait for a database that does not
 *   exist yet; and a release made before the chapter with the database (stage, production) gets
 *   the database with an upgrade, so an install-only hook would never run there. That loading
 *   the fixtures again changes nothing is database-run's part.
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

/**
 * The order a database needs: both Jobs after the release's objects are up, on an install and on
 * an upgrade alike, the fixtures after the migrations.
 */
export function databaseJobProblems(jobs: readonly RenderedJob[], database: DatabaseManifest): JobProblem[] {
  const problems: JobProblem[] = [];
  const find = (template: string) => jobs.find((j) => j.manifest.template === template);
  const migrations = find(database.jobs.migrations);
  const fixtures = find(database.jobs.fixtures);
  if (!migrations) problems.push({ template: database.jobs.migrations, key: 'kind', text: `${database.jobs.migrations} renders no Job (example.json names it as the migration Job)` });
  if (!fixtures) problems.push({ template: database.jobs.fixtures, key: 'kind', text: `${database.jobs.fixtures} renders no Job (example.json names it as the fixture Job)` });
  if (!migrations || !fixtures) return problems;
  const at = (job: RenderedJob) => ({ manifest: job.manifest, key: 'helm.sh/hook' });
  for (const [job, what] of [[migrations, 'migrations'], [fixtures, 'fixtures']] as const) {
    const hooks = hooksOf(job.annotations);
    if (hooks.length === 0) {
      problems.push({ ...at(job), text: `Job ${job.name} is no Helm hook: it would run alongside the release's other objects, before the database is up; annotate it "helm.sh/hook": post-install,post-upgrade` });
      continue;
    }
    const early = hooks.filter((h) => h === 'pre-install' || h === 'pre-upgrade');
    if (early.length > 0) {
      problems.push({ ...at(job), text: `Job ${job.name} runs on ${early.join(', ')}: werf creates the database subchart's objects after the pre-hooks, so on the deploy that brings the database the Job waits for a database that does not exist yet and the deploy fails; use post-install,post-upgrade` });
    }
    if (!hooks.includes('post-install')) problems.push({ ...at(job), text: `Job ${job.name} does not run on post-install: a release installed with the database would get no ${what}` });
    if (!hooks.includes('post-upgrade')) {
      problems.push({ ...at(job), text: `Job ${job.name} does not run on post-upgrade: a release that existed before the database (every environment deployed in an earlier chapter) gets it with an upgrade, so its ${what} would never run there` });
    }
  }
  const shared = hooksOf(fixtures.annotations).filter((h) => hooksOf(migrations.annotations).includes(h));
  if (shared.length > 0 && hookWeight(fixtures.annotations) <= hookWeight(migrations.annotations)) {
    problems.push({ manifest: fixtures.manifest, key: 'helm.sh/hook-weight', text: `Job ${fixtures.name} has helm.sh/hook-weight ${hookWeight(fixtures.annotations)}, not more than the migrations' ${hookWeight(migrations.annotations)}: on ${shared.join(', ')} the fixtures could run before the tables exist` });
  }
  return problems;
}
