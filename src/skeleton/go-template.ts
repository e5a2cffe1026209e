/**
 * Tells a Go/Helm template action (`{{ .Values.x }}`, `{{- include "a" . }}`) from a skeleton hole.
 *
 * Both use `{{ }}`, and no parser can tell them apart by grammar alone: `{{chat}}` is a valid Go
 * action too. The rule is the one Helm charts actually follow: an action starts with `.`, `$`,
 * a trim marker `-`, a comment `/*`, a string or number literal, or a template keyword or a
 * well-known Helm/sprig function followed by a space; or it is a pipeline (`a | b`) on one line.
 */
const KEYWORDS = new Set([
  'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue',
  'include', 'tuple', 'required', 'default', 'toYaml', 'toJson', 'quote', 'squote', 'printf',
  'print', 'println', 'indent', 'nindent', 'trim', 'upper', 'lower', 'not', 'and', 'or', 'eq',
  'ne', 'lt', 'le', 'gt', 'ge', 'len', 'index', 'list', 'dict', 'get', 'set', 'hasKey', 'b64enc',
  'b64dec', 'sha256sum', 'tpl', 'lookup', 'empty', 'coalesce', 'ternary', 'fail', 'toString',
  'semverCompare', 'trunc', 'trimSuffix', 'replace', 'contains', 'hasPrefix', 'hasSuffix',
]);

export function isGoTemplateAction(inner: string): boolean {
  const body = inner.trim();
  if (body === '') return false;
  if (/^[.$]/.test(body)) return true;
  if (inner.startsWith('-') || inner.endsWith('-')) return true; // {{- … -}} trim markers
  if (body.startsWith('/*')) return true;
  if (/^"(?:[^"\\]|\\.)*"/.test(body) || /^`/.test(body)) return true;
  const word = /^([A-Za-z]+)(?=\s|$)/.exec(body)?.[1];
  if (word !== undefined && KEYWORDS.has(word)) return true;
  // A pipeline, but only a one-line one without nested actions: a brief may hold a table row.
  return !body.includes('\n') && !body.includes('{{') && /\S\s*\|\s*\S/.test(body);
}
