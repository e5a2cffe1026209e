// Hostile inputs for the skeleton reader: each one made an earlier version scan in quadratic
// time or memory. `npm run bench` times them (bench/run.js); the tests check the same cases
// for linear growth by counting, not by the clock (test/skeleton/linear.test.ts).

const MB = 1024 * 1024;

/** name → (size in bytes, roughly) → Markdown text. */
export const HOSTILE = {
  // An unclosed `{{` per brace: each opener used to rescan to the end of the file.
  'unclosed {{': (n) => '{'.repeat(n),
  // Unclosed `<<a: ` openers before a long tail.
  'unclosed <<a:': (n) => '<<a: '.repeat(Math.floor(n / 10)) + 'x'.repeat(n - Math.floor(n / 10) * 5),
  // Many headings, each with a hole: the chapter of each hole used to walk every heading.
  'headings with a hole': (n) => '# Chapter {{x}}\n\n'.repeat(Math.floor(n / 17)),
  // Many holes under one heading: each hole's context used to walk every node.
  'holes under one heading': (n) => `# One\n\n${'{{hole}} text\n'.repeat(Math.floor(n / 14))}`,
  // Many bare TODOs between holes.
  'TODOs and holes': (n) => `# One\n\n${'TODO: x {{a}}\n\n'.repeat(Math.floor(n / 15))}`,
  // Deeply nested blockquotes with a hole inside.
  'nested blockquotes': (n) => `${'>'.repeat(Math.min(n, 4000))} {{deep}}\n`,
  // Holes in the front-matter.
  'front-matter holes': (n) => `---\nlanguage: python\n${'k: "{{x}}"\n'.repeat(0)}list:\n${'  - "{{v}}"\n'.repeat(Math.floor(n / 12))}---\n`,
};

export const SIZES = { small: MB / 2, large: MB };
