import { readCiConfig } from '../gitlab/ci-config.js';
import { resolveJobs } from '../gitlab/jobs.js';
import { lineAt } from '../yaml-locate.js';

/** An image a CI job runs with `werf run` (the tests chapter's test image), and where. */
export interface CiRunImage {
  name: string;
  job: string;
  line?: number;
}

/**
 * The images `werf run [options] IMAGE -- COMMAND` lines of the variant's .gitlab-ci.yml run: the
 * last word before `--` that is not an option (werf's own usage puts the image there). A
 * missing or broken file yields none: gitlab-ci-schema reports it.
 */
export async function ciRunImages(chapterDir: string, variant: string): Promise<CiRunImage[]> {
  const read = await readCiConfig(chapterDir, variant);
  if (read.status !== 'ok') return [];
  const { data, doc, lines } = read.config;
  const out: CiRunImage[] = [];
  for (const job of resolveJobs(data).jobs) {
    if (job.hidden) continue;
    const script = ['before_script', 'script'].flatMap((k) => (Array.isArray(job.body[k]) ? (job.body[k] as unknown[]).map(String) : []));
    for (const line of script) {
      const m = /\bwerf\s+run\b(.*?)\s--(?:\s|$)/.exec(line);
      if (!m) continue;
      const name = m[1]!.trim().split(/\s+/).filter((w) => w !== '' && !w.startsWith('-')).pop();
      if (name !== undefined) out.push({ name, job: job.name, line: lineAt(doc, lines, [job.name], true) });
    }
  }
  return out;
}
