import { describe, expect, it } from 'vitest';
import { stateStack } from '../../src/fill/front-matter.js';
import type { Layer, LayerKind } from '../../src/profile/types.js';

// The built article's front-matter names the stack it was built for (src/fill/front-matter.ts).
const skeleton = `---
# who wrote it
author_name: "Кот Васька"
language: "python" # the skeleton's own stack
framework: "flask"
package_managers_possible:
 - pip
package_managers_chosen: "pip"
unit_tests_chosen: "pytest"
ci: "gitlab"
---

# Body stays
`;

const layer = (name: string, kind: LayerKind): Layer => ({ name, kind, dir: `profiles/${name}` });
const stack = (...layers: Layer[]) => ({ stack: { slug: 'x', profilesDir: 'profiles', layers: [layer('base', 'base'), ...layers] }, values: {} });

describe('the article front-matter', () => {
  it('is left byte for byte when the stack is the skeleton\'s own', () => {
    const own = stack(layer('python', 'language'), layer('python/flask', 'framework'), layer('pip', 'package_manager'), layer('pytest', 'unit_tests'), layer('gitlab', 'ci'));
    expect(stateStack(skeleton, own, 's.md')).toEqual({ article: skeleton, changes: [] });
  });

  it('names another stack\'s choices, keeping comments, order and quotes, and says what changed', () => {
    const node = { ...stack(layer('node', 'language'), layer('npm', 'package_manager'), layer('gitlab', 'ci')), values: { framework: { name: 'Express' } } };
    const { article, changes } = stateStack(skeleton, node, 's.md');
    expect(article).toBe(`---
# who wrote it
author_name: "Кот Васька"
language: "node" # the skeleton's own stack
framework: "express"
package_managers_chosen: "npm"
ci: "gitlab"
---

# Body stays
`);
    expect(changes).toEqual([
      { key: 'language', from: 'python', to: 'node' },
      { key: 'framework', from: 'flask', to: 'express' },
      { key: 'package_managers_chosen', from: 'pip', to: 'npm' },
      { key: 'package_managers_possible', from: ['pip'] },
      { key: 'unit_tests_chosen', from: 'pytest' },
    ]);
  });

  it('keeps CRLF line endings', () => {
    const crlf = skeleton.replace(/\n/g, '\r\n');
    const { article } = stateStack(crlf, stack(layer('node', 'language'), layer('gitlab', 'ci')), 's.md');
    expect(article).toContain('language: "node" # the skeleton\'s own stack\r\n');
    expect(article.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
