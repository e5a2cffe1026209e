import type { FrontMatter } from './frontmatter.js';

/**
 * Whether a file's `{{…}}` can be holes, and why: the rule is printed with every scan, so no one
 * has to guess why a `{{x}}` was or was not reported.
 *
 * Canonical `<<id>>` holes count everywhere. Legacy `{{…}}` holes only in a skeleton, because
 * everywhere else `{{ }}` is some template engine's (Jekyll, Hugo, Helm, Mustache, Actions). A
 * file is a skeleton when a command builds it, when `--legacy-holes on` says so, when its
 * front-matter chooses a stack, when stackdoc.yaml builds it, or when it is in seeds/. Even in a
 * skeleton, other engines' syntax is never a hole (template-syntax.ts).
 */
export interface LegacyRule {
  on: boolean;
  why: string;
}

/** What the caller knows: a forced answer, or the facts `auto` decides from. */
export type LegacyChoice =
  | { force: LegacyRule }
  | { auto: true; listedIn?: string };

/** Building, checking and explaining read their input as a skeleton by definition. */
export const AS_SKELETON: LegacyChoice = { force: { on: true, why: 'the file is read as a skeleton' } };

/** Front-matter keys that choose a stack (see profile/stack.ts); one of them makes a skeleton. */
export const STACK_KEYS = ['language', 'framework', 'package_managers_chosen', 'unit_tests_chosen', 'assets_generator_chosen'];

export function decideLegacy(choice: LegacyChoice, frontMatter: FrontMatter | undefined): LegacyRule {
  if ('force' in choice) return choice.force;
  const key = STACK_KEYS.find((k) => typeof frontMatter?.data[k] === 'string');
  if (key !== undefined) return { on: true, why: `the front-matter chooses a stack (${key}: ${String(frontMatter!.data[key])})` };
  if (choice.listedIn !== undefined) {
    return { on: true, why: choice.listedIn.endsWith('/') ? `it is in ${choice.listedIn}` : `${choice.listedIn} builds it` };
  }
  return {
    on: false,
    why: 'not a skeleton (no stack in the front-matter, not in seeds/ or stackdoc.yaml); --legacy-holes on reads {{…}} as holes',
  };
}
