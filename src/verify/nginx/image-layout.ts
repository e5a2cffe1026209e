import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { instructions } from '../docker/dockerfile.js';
import type { Variant } from '../types.js';
import type { WerfConfig } from '../werf/config.js';
import { werfImages } from '../werf/config.js';
import { lineAt } from '../yaml-locate.js';

/** A folder of the built bundle that ends up in the nginx image, and where it came from. */
export interface BundleCopy {
  /** Inside the image, e.g. `/www/static`. */
  to: string;
  /** Inside the build that made it, e.g. `/assets/dist`. */
  from: string;
  /** The artifact (Stapel) or stage (Dockerfile) it comes from. */
  source: string;
  file: string;
  line?: number;
}

/** How the nginx image gets its config and the bundle, read from werf.yaml or the Dockerfile. */
export interface NginxImageLayout {
  bundles: BundleCopy[];
  /** The config text as the image writes it to /etc/nginx/nginx.conf, when it can be told. */
  config?: { text?: string; from?: string; file: string; line?: number };
  /** The stage or artifact that builds the bundle: its git `to` (Stapel) or WORKDIR (Dockerfile). */
  builds: Map<string, string>;
}

const CONFIG_PATH = '/etc/nginx/nginx.conf';

/**
 * Stapel: `import` entries of the nginx image (artifact, add, to), the artifacts' git `to`, and
 * the beforeInstall command that writes the config (`echo '<base64>' | base64 -d > …`, which is
 * what `{{ .Files.Get … | b64enc }}` renders to). Dockerfile: `COPY --from=<stage> <src> <dest>`
 * and `COPY <file> /etc/nginx/nginx.conf` in the stage werf.yaml targets.
 */
export async function nginxImageLayout(variant: Variant, variantDir: string, config: WerfConfig, image: string): Promise<NginxImageLayout | string> {
  const found = werfImages(config).find((i) => i.kind === 'image' && i.name === image);
  if (!found) return `werf.yaml builds no image "${image}" for nginx (it builds: ${werfImages(config).map((i) => `${i.kind} ${i.name}`).join(', ')})`;
  const doc = found.source;
  if (variant === 'stapel' && !('dockerfile' in doc.data)) {
    const builds = new Map<string, string>();
    for (const artifact of werfImages(config).filter((i) => i.kind === 'artifact')) {
      const git = (artifact.source.data.git as { to?: string }[] | undefined) ?? [];
      if (git[0]?.to) builds.set(artifact.name, git[0].to);
    }
    const imports = (doc.data.import as Record<string, unknown>[] | undefined) ?? [];
    const bundles = imports.map((item, i) => ({
      to: String(item.to ?? item.add),
      from: String(item.add),
      source: String(item.artifact ?? item.image),
      file: config.file,
      line: lineAt(doc.doc, config.lines, ['import', i, 'to'], false),
    }));
    const shell = (doc.data.shell as Record<string, unknown> | undefined) ?? {};
    let layoutConfig: NginxImageLayout['config'];
    for (const stage of ['beforeInstall', 'install', 'beforeSetup', 'setup']) {
      const commands = ([] as unknown[]).concat(shell[stage] ?? []).map(String);
      commands.forEach((command, i) => {
        if (!command.includes(CONFIG_PATH)) return;
        const b64 = /echo\s+'([A-Za-z0-9+/=]*)'\s*\|\s*base64\s+-d/.exec(command);
        layoutConfig = {
          text: b64 ? Buffer.from(b64[1]!, 'base64').toString('utf8') : undefined,
          file: config.file,
          line: lineAt(doc.doc, config.lines, ['shell', stage, i], false),
        };
      });
    }
    return { bundles, config: layoutConfig, builds };
  }
  // a Dockerfile image: the stage werf.yaml names as target, or the last one
  const dockerfile = String(doc.data.dockerfile);
  const file = `${variant}/${dockerfile}`;
  let text: string;
  try {
    text = await readFile(join(variantDir, dockerfile), 'utf8');
  } catch {
    return `${file} is missing`;
  }
  const target = typeof doc.data.target === 'string' ? doc.data.target : undefined;
  const stages: { name?: string; workdir?: string; copies: { from?: string; src: string; dest: string; line: number }[] }[] = [];
  for (const ins of instructions(text)) {
    if (ins.keyword === 'FROM') {
      const as = /\s+AS\s+(\S+)\s*$/i.exec(ins.args);
      stages.push({ name: as?.[1], copies: [] });
    } else if (ins.keyword === 'WORKDIR' && stages.length) stages[stages.length - 1]!.workdir = ins.args.trim();
    else if (ins.keyword === 'COPY' && stages.length) {
      const parts = ins.args.split(/\s+/);
      const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
      const paths = parts.filter((p) => !p.startsWith('--'));
      if (paths.length >= 2) stages[stages.length - 1]!.copies.push({ from, src: paths.slice(0, -1).join(' '), dest: paths[paths.length - 1]!, line: ins.line });
    }
  }
  const stage = target ? stages.find((s) => s.name === target) : stages[stages.length - 1];
  if (!stage) return `${file} has no stage "${target}" (werf.yaml image ${image} targets it)`;
  const builds = new Map(stages.filter((s) => s.name && s.workdir).map((s) => [s.name!, s.workdir!]));
  const bundles = stage.copies.filter((c) => c.from).map((c) => ({ to: c.dest, from: c.src, source: c.from!, file, line: c.line }));
  const conf = stage.copies.find((c) => !c.from && c.dest === CONFIG_PATH);
  return { bundles, builds, config: conf ? { from: conf.src, file, line: conf.line } : undefined };
}
