import { describe, expect, test } from 'vitest';
import { jsReads, pythonReads } from '../../src/verify/consistency/env-reads.js';

const names = (reads: { name: string; hasDefault: boolean }[]) => reads.map((r) => `${r.name}${r.hasDefault ? '?' : '!'}`);

describe('environment variables the app reads', () => {
  test('Python: a fallback argument or `or` makes a variable optional', () => {
    const source = [
      'A = os.environ["A"]',
      "B = os.environ.get('B')",
      'C = os.environ.get("C", "c")',
      'D = os.getenv("D") or "d"',
      'E = getenv("E", default=None)',
      'os.environ.setdefault("F", "f")',
      'G = int(os.environ.get("G", str(1)))',
    ].join('\n');
    expect(names(pythonReads(source)).sort()).toEqual(['A!', 'B!', 'C?', 'D?', 'E?', 'F?', 'G?']);
  });

  test('JavaScript: ?? and || are fallbacks, as are destructuring defaults', () => {
    const source = [
      'const port = process.env.PORT ?? 8080;',
      "const key = process.env['API_KEY'];",
      'const level = process.env.LEVEL || "info";',
      'const { DB_URL, MODE = "prod" } = process.env;',
    ].join('\n');
    expect(names(jsReads(source)).sort()).toEqual(['API_KEY!', 'DB_URL!', 'LEVEL?', 'MODE?', 'PORT?']);
  });
});
