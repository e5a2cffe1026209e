/**
 * Just enough Dockerfile reading for the consistency check: which command the image starts,
 * its ENV, its base images. dockerfile-utils validates the syntax; it exposes no parsed model,
 * and its parser (dockerfile-ast) is not a dependency of ours, so this reads instructions
 * itself: comments, parser directives, line continuations, exec and shell forms.
 */
export interface Instruction {
  keyword: string;
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export function instructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escapeDirective = /^#\s*escape\s*=\s*(\S)/i.exec(lines.find((l) => l.trim() !== '') ?? '');
  const escapeChar = escapeDirective?.[1] ?? '\\';
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    // comments and blank lines may sit inside a continued instruction; both are dropped
    if (trimmed.startsWith('#') || (current && trimmed === '')) return;
    const continued = trimmed.endsWith(escapeChar);
    const body = (continued ? trimmed.slice(0, -1) : trimmed).trimEnd();
    if (current) current.args += ` ${body.trim()}`;
    else if (trimmed !== '') {
      const match = /^(\S+)\s*(.*)$/.exec(body)!;
      current = { keyword: match[1]!.toUpperCase(), args: match[2]!, line: i + 1 };
    }
    if (!continued && current) {
      current.args = current.args.trim();
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

/** What the image a Dockerfile builds starts with, from its final stage (or `target`). */
export interface ImageStart {
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  cmdLine?: number;
}

export function imageStart(text: string, target?: string): ImageStart {
  const all = instructions(text);
  const starts = all.flatMap((ins, i) => (ins.keyword === 'FROM' ? [i] : []));
  const stageIndex = target
    ? starts.find((i) => all[i]!.args.split(/\s+/).slice(-2).join(' ').toLowerCase() === `as ${target.toLowerCase()}`)
    : starts[starts.length - 1];
  const stage = stageIndex === undefined ? [] : all.slice(stageIndex, starts.find((i) => i > stageIndex));
  const start: ImageStart = { env: {} };
  for (const ins of stage) {
    if (ins.keyword === 'CMD') {
      start.cmd = commandForm(ins.args);
      start.cmdLine = ins.line;
    } else if (ins.keyword === 'ENTRYPOINT') {
      // (Docker also drops a CMD inherited from the base image here; one set in this stage stays.)
      start.entrypoint = commandForm(ins.args);
    } else if (ins.keyword === 'ENV') {
      Object.assign(start.env, envPairs(ins.args));
    }
  }
  return start;
}

/** Exec form `["a", "b"]` as is; shell form runs through /bin/sh -c, as Docker does. */
export function commandForm(args: string): string[] {
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
    } catch {
      // not JSON: Docker runs it as a shell command too
    }
  }
  return ['/bin/sh', '-c', args];
}

/** `ENV A=1 B="two words"` or the legacy `ENV A one value`. */
export function envPairs(args: string): Record<string, string> {
  const legacy = /^([^\s=]+)\s+(.*)$/.exec(args);
  if (legacy && !legacy[1]!.includes('=')) return { [legacy[1]!]: legacy[2]! };
  const out: Record<string, string> = {};
  for (const match of args.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    const value = match[2]!;
    out[match[1]!] = /^["']/.test(value) ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return out;
}

/** Each FROM's image reference, skipping `scratch` and earlier stages used as bases. */
export function baseImages(text: string): { reference: string; line: number }[] {
  const stages = new Set<string>();
  const out: { reference: string; line: number }[] = [];
  for (const ins of instructions(text)) {
    if (ins.keyword !== 'FROM') continue;
    const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    const reference = words[0] ?? '';
    if (words[1]?.toLowerCase() === 'as' && words[2]) stages.add(words[2]);
    if (reference === 'scratch' || stages.has(reference) || reference.includes('$')) continue;
    out.push({ reference, line: ins.line });
  }
  return out;
}
