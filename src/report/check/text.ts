import type { CheckReport, ReportedFinding, Severity } from '../../check/types.js';
import { active, byPosition } from './order.js';

/** SGR codes for the few styles the stylish layout uses (no colour library: four escapes). */
const STYLE = { bold: '1', dim: '2', underline: '4', red: '31', green: '32', yellow: '33' } as const;
type Style = keyof typeof STYLE;

/** Messages are padded to align the rule column up to this width (code points). */
const MAX_MESSAGE_PAD = 100;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow' };

/**
 * The terminal report, laid out like eslint's "stylish" (and markdownlint-cli2's default): one
 * block per file, one aligned row per finding, a one-line summary. Silenced findings are only
 * counted — they were silenced so that nobody has to read them again.
 */
export function formatText(report: CheckReport, opts: { color?: boolean } = {}): string {
  const paint = painter(opts.color === true);
  const lines: string[] = [];
  for (const [file, findings] of byFile(byPosition(active(report.findings)))) {
    lines.push(paint('underline', file));
    const rows = findings.map((f) => ({ f, at: `${f.line}:${f.column}` }));
    const atWidth = widest(rows.map((r) => r.at));
    const severityWidth = widest(findings.map((f) => f.severity));
    // Rule ids line up after the messages, but a few long messages must not push every row
    // past the terminal's width: longer ones simply run on.
    const messageWidth = Math.min(widest(findings.map((f) => f.message)), MAX_MESSAGE_PAD);
    for (const { f, at } of rows) {
      // Pad before painting: escape codes have no width on screen but do have a length.
      lines.push(
        `  ${paint('dim', pad(at, atWidth))}  ${paint(SEVERITY_STYLE[f.severity], pad(f.severity, severityWidth))}  ` +
          `${pad(f.message, messageWidth)}  ${paint('dim', f.rule)}`,
      );
    }
    lines.push('');
  }
  lines.push(summary(report.findings, paint));
  return `${lines.join('\n')}\n`;
}

/** `✖ 3 problems (2 errors, 1 warning), 1 silenced` or `✔ no problems`. */
function summary(all: readonly ReportedFinding[], paint: Painter): string {
  const counted = active(all);
  const errors = counted.filter((f) => f.severity === 'error').length;
  const warnings = counted.length - errors;
  const silenced = all.length - counted.length;
  const tail = silenced > 0 ? `, ${silenced} silenced` : '';
  if (counted.length === 0) return paint('green', `✔ no problems${tail}`);
  const text = `✖ ${count(counted.length, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')})${tail}`;
  return paint('bold', paint(errors > 0 ? 'red' : 'yellow', text));
}

function byFile(findings: readonly ReportedFinding[]): Map<string, ReportedFinding[]> {
  const groups = new Map<string, ReportedFinding[]>();
  for (const f of findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Width in code points, so Cyrillic (or an emoji) pads like the one character it shows as. */
function width(s: string): number {
  return [...s].length;
}

function widest(texts: readonly string[]): number {
  return Math.max(0, ...texts.map(width));
}

function pad(s: string, to: number): string {
  return s + ' '.repeat(Math.max(0, to - width(s)));
}

type Painter = (style: Style, text: string) => string;

function painter(color: boolean): Painter {
  return color ? (style, text) => `\u001b[${STYLE[style]}m${text}\u001b[0m` : (_style, text) => text;
}
