// Hostile inputs for the skeleton reader: each made an earlier version scan in quadratic time or
// memory. `npm run bench` times them at two sizes (bench/run.js); the tests check the same cases
// for linear growth by counting steps and by a generous n/2n ratio (test/skeleton/linear.test.ts).

/** name → (size in bytes) → Markdown text of about that size. */
export const HOSTILE = {
  // An unclosed `{{` per brace: each opener used to rescan to the end of the file.
  'unclosed {{': (n) => '{'.repeat(n),
  // `<<a: ` openers that never close, before a long tail.
  'unclosed <<a:': (n) => '<<a: '.repeat(Math.floor(n / 10)) + 'x'.repeat(n - Math.floor(n / 10) * 5),
  // Headings, each with a hole: each hole's chapter used to walk every heading.
  'headings with a hole': (n) => '# Chapter {{x}}\n\n'.repeat(Math.floor(n / 17)),
  // Holes under one heading: each hole's context used to walk every node.
  'holes under one heading': (n) => `# One\n\n${'{{hole}} text\n'.repeat(Math.floor(n / 14))}`,
  // Bare TODOs between holes: each TODO used to look through every hole.
  'TODOs and holes': (n) => `# One\n\n${'TODO: x {{a}}\n\n'.repeat(Math.floor(n / 15))}`,
  // Many holes in the front-matter: each used to copy the whole YAML text.
  'front-matter holes': (n) => `---\nlanguage: python\nlist:\n${'  - "{{v}}"\n'.repeat(Math.floor(n / 12))}---\n`,
  // One line of TODOs.
  'a line of TODOs': (n) => `# One\n\n${'TODO '.repeat(Math.floor(n / 5))}\n`,
};
