import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from '../../util/files.js';

/**
 * Environment variables the app's code reads, found by reading its source.
 *
 * The rule: a variable read WITH a fallback in code may be absent from the deployment; one read
 * without a fallback must be set (in the container env, through envFrom, or by the image's ENV),
 * because the pod would start without it and crash or misbehave.
 *   Python: os.environ["X"] (required), os.environ.get("X") / os.getenv("X") (required, unless
 *           followed by `or …`), os.environ.get("X", d) / os.getenv("X", d) / setdefault (fallback).
 *   JS:     process.env.X and process.env["X"] (required, unless followed by ?? or ||),
 *           const { X = d, Y } = process.env (X has a fallback, Y does not).
 * Tests, build configs (*.config.js: webpack runs at build time, not in the pod) and caches are
 * not the app and are not read.
 */
export interface EnvRead {
  name: string;
  hasDefault: boolean;
  /** Relative to the chapter. */
  file: string;
  line: number;
}

const PYTHON_SOURCE = /\.py$/;
const JS_SOURCE = /\.[cm]?js$/;
const NOT_APP = /(^|\/)(tests?|__tests__)\/|(^|\/)(test_[^/]*|[^/]*_test\.py|conftest\.py|[^/]*\.test\.[cm]?js|[^/]*\.config\.[cm]?js)$|^\.helm\//;

export async function envReads(chapterDir: string, variant: string): Promise<EnvRead[]> {
  const reads: EnvRead[] = [];
  for (const path of await listFiles(join(chapterDir, variant))) {
    if (NOT_APP.test(path)) continue;
    const python = PYTHON_SOURCE.test(path);
    if (!python && !JS_SOURCE.test(path)) continue;
    const text = await readFile(join(chapterDir, variant, path), 'utf8');
    const found = python ? pythonReads(text) : jsReads(text);
    reads.push(...found.map((read) => ({ ...read, file: `${variant}/${path}`, line: lineOf(text, read.offset) })));
  }
  return reads;
}

interface RawRead {
  name: string;
  hasDefault: boolean;
  offset: number;
}

export function pythonReads(text: string): RawRead[] {
  const out: RawRead[] = [];
  for (const m of text.matchAll(/\b(?:os\.)?environ\[\s*(['"])(\w+)\1\s*\]/g)) {
    out.push({ name: m[2]!, hasDefault: false, offset: m.index! });
  }
  for (const m of text.matchAll(/\b(?:os\.)?(environ\.get|getenv|environ\.setdefault)\(\s*(['"])(\w+)\2\s*(,?)/g)) {
    const withArgument = m[4] === ',';
    const close = closingParen(text, m.index! + m[0].indexOf('('));
    const orFallback = close !== -1 && /^\s*or\b/.test(text.slice(close + 1));
    out.push({ name: m[3]!, hasDefault: withArgument || orFallback || m[1] === 'environ.setdefault', offset: m.index! });
  }
  return out;
}

export function jsReads(text: string): RawRead[] {
  const out: RawRead[] = [];
  for (const m of text.matchAll(/\bprocess\.env(?:\.(\w+)|\[\s*(['"`])(\w+)\2\s*\])/g)) {
    const rest = text.slice(m.index! + m[0].length);
    out.push({ name: (m[1] ?? m[3])!, hasDefault: /^\s*(\?\?|\|\|)/.test(rest), offset: m.index! });
  }
  for (const m of text.matchAll(/\{([^{}]*)\}\s*=\s*process\.env\b/g)) {
    for (const entry of m[1]!.split(',')) {
      const binding = /^\s*(\w+)(?:\s*:\s*\w+)?\s*(=)?/.exec(entry);
      if (binding) out.push({ name: binding[1]!, hasDefault: binding[2] === '=', offset: m.index! });
    }
  }
  return out;
}

/** Offset of the `)` closing the `(` at `open`, skipping nested parentheses; -1 if none. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
