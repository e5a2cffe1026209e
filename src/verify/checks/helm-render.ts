import type { Check } from '../chapter.js';
import { manifestsOf } from '../helm/manifests.js';
import { ENVIRONMENTS } from '../helm/values.js';
import type { Finding } from '../types.js';

/**
 * helm-render: the chart under .helm rendered for real, once per environment (stage,
 * production), by Go text/template with sprig and Helm's functions plus werf 1.1's helpers
 * (helm/*.go, compiled once and cached). A template error, a failed `required`, an image that
 * werf.yaml does not build, or output that is not YAML fails, naming the template and line.
 */
export const helmRenderCheck: Check = {
  async run(chapter) {
    const findings: Finding[] = [];
    for (const variant of chapter.variants()) {
      const outcome = await chapter.render(variant);
      if (outcome.status === 'unavailable') {
        findings.push({ variant, status: 'skip', message: `not rendered: ${outcome.reason}` });
        continue;
      }
      if (outcome.status === 'failed') {
        const when = outcome.env ? ` (rendering for ${outcome.env})` : '';
        findings.push({ variant, status: 'fail', message: `${outcome.message}${when}`, file: outcome.file, line: outcome.line });
        continue;
      }
      const errors = outcome.renders.flatMap((render) => manifestsOf(render).errors);
      for (const error of errors) {
        findings.push({
          variant,
          status: 'fail',
          message: `renders to invalid YAML for ${error.env} (line ${error.line} of the output): ${error.message}`,
          file: `${variant}/.helm/${error.template}`,
        });
      }
      if (errors.length > 0) continue;
      const templates = outcome.renders[0]?.files.length ?? 0;
      const notes = outcome.notes.length > 0 ? `; ${outcome.notes.join('; ')}` : '';
      findings.push({ variant, status: 'pass', message: `${templates} templates render for ${ENVIRONMENTS.join(' and ')}${notes}`, file: `${variant}/.helm` });
    }
    return findings;
  },
};
