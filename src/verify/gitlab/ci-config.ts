import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, YAMLSeq, type CollectionTag, type Document } from 'yaml';

/** A `!reference [job, key]` tag: GitLab replaces it with the YAML it points at. */
export class GitlabReference extends Array<string> {}

/** Keeps `!reference` recognisable after toJS(), while staying an array for the schema. */
class ReferenceSeq extends YAMLSeq {
  override toJSON(arg?: unknown, ctx?: Parameters<YAMLSeq['toJSON']>[1]): unknown[] {
    return GitlabReference.from(super.toJSON(arg, ctx) as string[]);
  }
}

const referenceTag: CollectionTag = {
  tag: '!reference',
  collection: 'seq',
  nodeClass: ReferenceSeq,
  resolve: (seq) => Object.assign(new ReferenceSeq(), seq),
};

export interface CiConfig {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The config with YAML anchors and `<<` merge keys applied, as GitLab reads it. */
  data: Record<string, unknown>;
}

export type CiRead =
  | { status: 'ok'; config: CiConfig }
  | { status: 'missing'; file: string }
  | { status: 'invalid-yaml'; file: string; message: string; line: number };

export const CI_FILE = '.gitlab-ci.yml';

export async function readCiConfig(chapterDir: string, variant: string): Promise<CiRead> {
  const file = `${variant}/${CI_FILE}`;
  let text: string;
  try {
    text = readFileSync(join(chapterDir, file), 'utf8'); // small files, read by the dozen in check: no thread-pool round trip
  } catch {
    return { status: 'missing', file };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true, customTags: [referenceTag] });
  const error = doc.errors[0];
  if (error) return { status: 'invalid-yaml', file, message: error.message.split('\n')[0]!, line: lines.linePos(error.pos[0]).line };
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { status: 'invalid-yaml', file, message: 'the file must be a map of jobs and keywords', line: 1 };
  }
  return { status: 'ok', config: { file, doc, lines, data: data as Record<string, unknown> } };
}
