import { readFile } from 'node:fs/promises';
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ReportedFinding } from '../../check/types.js';
import { UserError } from '../../util/errors.js';
import { LineIndex } from '../../util/lines.js';

/**
 * The schema of a `check --format json` report (report/check/json.ts writes it): what a merge
 * needs to print the findings again in any format. Extra fields are allowed (a newer version may
 * add some); missing or mistyped ones are refused.
 */
const REPORT_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['rule', 'severity', 'message', 'file', 'line', 'column', 'key', 'fingerprint'],
    properties: {
      rule: { type: 'string', minLength: 1 },
      severity: { enum: ['error', 'warning'] },
      message: { type: 'string' },
      file: { type: 'string', minLength: 1 },
      line: { type: 'integer', minimum: 1 },
      column: { type: 'integer', minimum: 1 },
      endLine: { type: 'integer', minimum: 1 },
      endColumn: { type: 'integer', minimum: 1 },
      key: { type: 'string' },
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      silenced: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
    },
  },
} as const;

const WRITE_AGAIN = 'give reports written by `stackdoc check --format json`';

/**
 * Reads a report a shard wrote with `check --format json`. jsonc-parser rather than JSON.parse:
 * it gives the offset of a syntax error and of any value, so a broken report is named at its
 * line and column (JSON.parse's messages carry no position on Node 20 for most errors).
 */
export async function readJsonReport(path: string): Promise<ReportedFinding[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read the report (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : (code ?? (error as Error).message)}); ${WRITE_AGAIN}`, path);
  }
  if (text.trim() === '') throw new UserError(`the report is empty (a shard that failed before writing it?); ${WRITE_AGAIN}`, path);
  if (text.trimStart().startsWith('<')) throw new UserError(`this is XML (a JUnit report?), not a stackdoc JSON report; ${WRITE_AGAIN}`, path, 1, 1);
  const errors: ParseError[] = [];
  const data = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false }) as unknown;
  if (errors.length > 0) {
    const first = errors[0]!;
    const at = new LineIndex(text).position(first.offset);
    throw new UserError(`not valid JSON (${printParseErrorCode(first.error)}); the report is cut short or damaged: ${WRITE_AGAIN}`, path, at.line, at.column);
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && ('runs' in data || '$schema' in data)) {
    throw new UserError(`this is a SARIF report, not a stackdoc JSON report; ${WRITE_AGAIN}`, path, 1, 1);
  }
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === 'object' && data[0] !== null && 'check_name' in data[0]) {
    throw new UserError(`this is a GitLab Code Quality report (it lacks each finding's key and column), not a stackdoc JSON report; ${WRITE_AGAIN}`, path, 1, 1);
  }
  const { createAjv } = await import('../../verify/ajv.js');
  const validate = (await createAjv()).compile(REPORT_SCHEMA);
  if (!validate(data)) {
    const error = validate.errors![0]!;
    const segments = error.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const node = findNodeAtLocation(parseTree(text)!, segments);
    const at = new LineIndex(text).position(node?.offset ?? 0);
    const where = error.instancePath === '' ? 'the report' : `finding ${Number(segments[0]) + 1}${segments.length > 1 ? ` (${segments.slice(1).join('.')})` : ''}`;
    const what = error.keyword === 'required' ? `lacks ${(error.params as { missingProperty: string }).missingProperty}` : (error.message ?? 'is not valid');
    throw new UserError(`${where} ${what}: not a stackdoc check report; ${WRITE_AGAIN}`, path, at.line, at.column);
  }
  return data as ReportedFinding[];
}
