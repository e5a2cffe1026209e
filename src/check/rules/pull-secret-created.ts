import { existsSync, readFileSync } from 'node:fs';
import { LineIndex } from '../../util/lines.js';
import { articlePieces } from '../article.js';
import type { Finding, Rule } from '../types.js';

/** `imagePullSecrets:` followed by its `- name: x` items (a Helm template is text, not YAML yet). */
const PULL_SECRETS = /^([ \t]*)imagePullSecrets:[ \t]*\r?\n((?:\1[ \t]*-[ \t]*name:[^\n]*\r?\n?)+)/gm;
const ITEM = /name:[ \t]*["']?([^"'\s{}]+)["']?[ \t]*\r?$/gm;
/** `kubectl [flags] create secret docker-registry NAME`, flags (`-n "$(werf helm get-namespace)"`) allowed before `create`. */
const CREATE = /\bkubectl\b[^\n]*?\bcreate\s+secret\s+docker-registry\s+["']?([\w.-]+)/g;

/**
 * `pull-secret-created`: every `imagePullSecrets` name in an example chart is a Secret that
 * something the reader runs creates: the article shows `kubectl create secret docker-registry
 * <name>`, or the chart has a Secret of that name. Without it werf deploys pods that sit in
 * ImagePullBackOff in the namespace werf made for the environment. Names written as template
 * actions are not read (the value may come from anywhere).
 */
export const pullSecretCreated: Rule = {
  id: 'pull-secret-created',
  doc: 'Every imagePullSecrets name in a chart is created: by a `kubectl create secret docker-registry` the article shows, or by a Secret in the chart.',
  severity: 'error',
  run(ctx) {
    const { build, outDir } = ctx;
    if (build === undefined) return [];
    const slug = build.profile.stack.slug;
    const shown = new Set<string>();
    for (const piece of articlePieces(ctx)) for (const m of piece.text.matchAll(CREATE)) shown.add(m[1]!);
    const findings: Finding[] = [];
    const charts = new Map<string, string[]>(); // chapter/variant → its template paths
    for (const path of build.trees.keys()) {
      const m = /^([^/]+\/(?:stapel|dockerfile))\/\.helm\/templates\/[^/]+\.ya?ml$/.exec(path);
      if (m !== null) charts.set(m[1]!, [...(charts.get(m[1]!) ?? []), path]);
    }
    for (const [tree, paths] of charts) {
      const texts = paths.map((p) => ({ path: p, file: `${outDir}/${slug}/examples/${p}` })).filter((t) => existsSync(t.file))
        .map((t) => ({ ...t, text: readFileSync(t.file, 'utf8') }));
      const inChart = new Set(texts.flatMap(({ text }) => secretsIn(text)));
      for (const { file, text } of texts) {
        const lines = new LineIndex(text);
        for (const block of text.matchAll(PULL_SECRETS)) {
          const itemsAt = block.index + block[0].indexOf(block[2]!);
          for (const item of block[2]!.matchAll(ITEM)) {
            const name = item[1]!;
            if (shown.has(name) || inChart.has(name)) continue;
            findings.push({
              rule: this.id, severity: this.severity, file, ...lines.position(itemsAt + item.index), key: `${tree} ${name}`,
              message: `imagePullSecrets names "${name}", but nothing creates it: show \`kubectl create secret docker-registry ${name} …\` in the article (in the namespace werf deploys to) or add a Secret "${name}" to the chart`,
            });
          }
        }
      }
    }
    return findings;
  },
};

/** Names of the Secrets a chart's template defines (each `---` document with `kind: Secret`). */
function secretsIn(text: string): string[] {
  const names: string[] = [];
  for (const doc of text.split(/^---[ \t]*$/m)) {
    if (!/^kind:[ \t]*["']?Secret["']?[ \t]*$/m.test(doc)) continue;
    const name = /^metadata:[ \t]*\r?\n(?:[ \t]+[^\n]*\r?\n)*?[ \t]+name:[ \t]*["']?([\w.-]+)["']?[ \t]*$/m.exec(doc);
    if (name !== null) names.push(name[1]!);
  }
  return names;
}
