import type { BuildResult } from '../build.js';
import type { AuthoringBlock } from '../fill/authoring.js';
import type { Skeleton } from '../skeleton/parse.js';

export type Severity = 'error' | 'warning';

/** One problem the gate found. Every reporter (text, json, gitlab, sarif, junit) prints these. */
export interface Finding {
  /** Rule id, e.g. `unfilled-hole`. */
  rule: string;
  severity: Severity;
  message: string;
  /** Repository-relative path the finding is about (the skeleton, or an example tree folder). */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /**
   * What the finding is about, independent of its line: a hole id, a file, a snippet name, a
   * word. The fingerprint is made from rule + file + key, so inserting a line above a finding
   * does not make GitLab show it as fixed plus new.
   */
  key: string;
  /** Set when an inline `stackdoc-disable-next-line` comment silences it. */
  silenced?: { reason: string };
}

/** A finding with its stable fingerprint, as reporters receive it. */
export interface ReportedFinding extends Finding {
  fingerprint: string;
}

/** What a rule sees: the skeleton, its in-memory build (if the stack resolved) and the output folder. */
export interface RuleContext {
  skeleton: Skeleton;
  build: BuildResult | undefined;
  /** The stack could not be resolved: front-matter or profile trouble (reported by `front-matter`). */
  buildError?: { message: string; line?: number; column?: number };
  outDir: string;
  profilesDir: string;
  /**
   * The skeleton's authoring-only blocks (the checklist, notes to the author). Rules read the
   * whole skeleton, but those that judge what the reader sees skip these blocks: the article
   * leaves them out.
   */
  authoring: AuthoringBlock[];
}

/** A gate rule: one module with an id, a short doc, a severity and a run function. */
export interface Rule {
  id: string;
  doc: string;
  severity: Severity;
  run(ctx: RuleContext): Finding[] | Promise<Finding[]>;
}

/** The whole report: findings (silenced ones included) and the rules that ran. */
export interface CheckReport {
  findings: ReportedFinding[];
  rules: ReadonlyArray<Pick<Rule, 'id' | 'doc' | 'severity'>>;
  /** Files that were checked, for reporters that list passes (JUnit). */
  files: string[];
}
