import { isGoTemplateAction } from './go-template.js';

/**
 * Which template engine a `{{…}}` belongs to, if any: Go/Helm/sprig, Hugo, Liquid (Jekyll),
 * Jinja (Ansible), Mustache/Handlebars or GitHub Actions. Such a span is never a hole, in any
 * file: guides quote these engines all the time. What is left is prose and bare words, which a
 * skeleton means as holes (`{{chat}}`, `{{Про запускаемый command}}`).
 *
 * `source` and `open` (the offset of `{{`) are for the look-behind: `${{ … }}` is GitHub Actions.
 */
export function templateEngine(source: string, open: number, inner: string): string | undefined {
  if (source[open - 1] === '$') return 'GitHub Actions expression';
  // `{{ }}` with nothing but blanks: the delimiters all these engines share, named as such
  // (`werf runs the {{ }} expressions first`); a hole always says what goes in it.
  if (inner.length > 0 && inner.trim() === '') return 'template delimiters';
  const first = inner[0];
  if (first === '<' || first === '%') return 'Hugo shortcode';
  // `{{- x }}` / `{{ x -}}` (Go, Jinja) and `{{~ x }}` (Handlebars) trim whitespace.
  if (first === '-' || inner.endsWith('-')) return 'Go template action';
  if (first !== undefined && '#/^>!&{=@~'.includes(first)) {
    return first === '/' && inner.startsWith('/*') ? 'Go template action' : 'Mustache/Handlebars tag';
  }
  // `.Values.x[INDEX]`, `$root…`: a field or variable first is a template, even where the rest is
  // a doc's notation rather than Go; no brief starts that way.
  if (/^\s*(?:\.[A-Za-z_]|\$)/.test(inner)) return 'Go template action';
  // A keyword alone, as docs name them: `the {{ define }} action`.
  if (/^\s*(?:if|else|end|range|with|define|template|block|break|continue)\s*$/.test(inner)) return 'Go template action';
  if (isGoTemplateAction(inner)) return 'Go template action';
  if (isLiquidOutput(inner)) return 'Liquid/Jinja output';
  return undefined;
}

/**
 * Liquid and Jinja output: `{{ site.docsurl }}`, `{{ page.title | escape }}`,
 * `{{ site.social_links[page.lang].telegram }}`, `{{ item.name | default('x') }}`,
 * `{{ "a" ~ b }}`, `{{ x + 1 }}`. Hand-written for the same reason as the Go reader: a yes/no
 * on one expression. An expression of bare words only (`{{ item }}`) is prose here too.
 */
export function isLiquidOutput(inner: string): boolean {
  const toks = lexExpression(inner.trim());
  if (toks === undefined || toks.length === 0) return false;
  const reader = new ExprReader(toks);
  return reader.filtered() && reader.done() && reader.code;
}

type ETok = { t: 'name' | 'literal' | 'punct' | 'binop'; v: string };

const E_STRING = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/y;
const E_NUMBER = /\d+(?:\.\d+)?(?![\w])/y;
const E_NAME = /[A-Za-z_][\w-]*\??/y;
// No `/`: `{{chat/node}}` and `{{node /app/index.js}}` are paths in a brief, not division.
const E_BINOP = /==|!=|<=|>=|\.\.|[<>+\-*%~]/y;
/** The tests Jinja and Ansible define, as `x is <test>` names them. */
const JINJA_TESTS = new Set([
  'defined', 'undefined', 'none', 'true', 'false', 'boolean', 'integer', 'float', 'number', 'string', 'mapping',
  'sequence', 'iterable', 'callable', 'sameas', 'equalto', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'even', 'odd',
  'divisibleby', 'lower', 'upper', 'escaped', 'in', 'filter', 'test',
  'failed', 'failure', 'succeeded', 'success', 'successful', 'changed', 'change', 'skipped', 'skip', 'finished',
  'started', 'reachable', 'unreachable', 'abs', 'exists', 'file', 'directory', 'link', 'mount', 'match', 'search',
  'regex', 'subset', 'superset', 'contains', 'any', 'all', 'truthy', 'falsy', 'version', 'version_compare',
  'vault_encrypted', 'nan', 'ip', 'ipv4', 'ipv6',
]);
const WORD_OPS = new Set(['and', 'or', 'not', 'in', 'is', 'contains', 'if', 'else']);

function lexExpression(text: string): ETok[] | undefined {
  const out: ETok[] = [];
  let i = 0;
  const at = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    return re.exec(text)?.[0];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/[ \t\r\n]/.test(c)) {
      i++;
      continue;
    }
    let m: string | undefined;
    if ('.[]()|:,='.includes(c) && !text.startsWith('..', i) && !text.startsWith('==', i)) out.push({ t: 'punct', v: (m = c) });
    else if ((m = at(E_STRING)) !== undefined) out.push({ t: 'literal', v: m });
    else if ((m = at(E_NUMBER)) !== undefined) out.push({ t: 'literal', v: m });
    else if ((m = at(E_NAME)) !== undefined) out.push({ t: WORD_OPS.has(m) ? 'binop' : 'name', v: m });
    else if ((m = at(E_BINOP)) !== undefined) out.push({ t: 'binop', v: m });
    else return undefined;
    i += m.length;
  }
  return out;
}

class ExprReader {
  private i = 0;
  code = false;
  private depth = 0;

  constructor(private readonly toks: ETok[]) {}

  done(): boolean {
    return this.i === this.toks.length;
  }

  private is(t: ETok['t'], v?: string): boolean {
    const tok = this.toks[this.i];
    return tok !== undefined && tok.t === t && (v === undefined || tok.v === v);
  }

  /** expr ( '|' name [ ':' args | '(' args ')' ] )* */
  filtered(): boolean {
    if (!this.expr()) return false;
    while (this.is('punct', '|')) {
      this.i++;
      this.code = true;
      if (!this.is('name')) return false;
      this.i++;
      if (this.is('punct', ':')) {
        this.i++;
        if (!this.args(undefined)) return false;
      } else if (this.is('punct', '(')) {
        this.i++;
        if (!this.args(')')) return false;
      }
    }
    return true;
  }

  /** unary ( binop unary )* */
  private expr(): boolean {
    if (++this.depth > 50) return false;
    if (!this.unary()) return false;
    while (this.is('binop')) {
      const op = this.toks[this.i]!.v;
      this.i++;
      if (!/^[a-z]+$/.test(op)) this.code = true;
      // A Jinja test (`result is failed`, `path is not none`) is code when it names one of
      // Jinja's or Ansible's tests; `{{price is high}}` stays prose.
      if (op === 'is') {
        if (this.is('binop', 'not')) this.i++;
        const test = this.toks[this.i];
        if (test?.t !== 'name' || !JINJA_TESTS.has(test.v)) return false;
        this.i++;
        this.code = true;
        continue;
      }
      if (!this.unary()) return false;
    }
    this.depth--;
    return true;
  }

  private unary(): boolean {
    if (this.is('binop', 'not') || this.is('binop', '-')) this.i++;
    return this.value();
  }

  private value(): boolean {
    if (this.is('literal')) {
      this.i++;
      this.code = true;
      return true;
    }
    if (this.is('punct', '(') || this.is('punct', '[')) {
      const close = this.toks[this.i]!.v === '(' ? ')' : ']';
      this.i++;
      this.code = true;
      if (this.is('punct', close)) {
        this.i++;
        return true;
      }
      return this.args(close) && this.postfix();
    }
    if (!this.is('name')) return false;
    this.i++;
    return this.postfix();
  }

  /** `.name`, `[expr]`, `(args)` after a value. */
  private postfix(): boolean {
    for (;;) {
      if (this.is('punct', '.')) {
        this.i++;
        if (!this.is('name') && !this.is('literal')) return false;
        this.i++;
      } else if (this.is('punct', '[')) {
        // A subscript, or a Jinja slice: `[0]`, `['a']`, `[:8]`, `[1:]`, `[::2]`.
        this.i++;
        let parts = 0;
        while (!this.is('punct', ']')) {
          if (this.is('punct', ':')) this.i++;
          else if (!this.expr()) return false;
          parts++;
        }
        if (parts === 0) return false;
        this.i++;
      } else if (this.is('punct', '(')) {
        this.i++;
        if (this.is('punct', ')')) this.i++;
        else if (!this.args(')')) return false;
      } else return true;
      this.code = true;
    }
  }

  /** expr or `name: expr` / `name=expr`, comma-separated, up to `close` (consumed) or the end. */
  private args(close: string | undefined): boolean {
    for (;;) {
      if (this.is('name') && (this.toks[this.i + 1]?.v === ':' || this.toks[this.i + 1]?.v === '=')) this.i += 2;
      if (!this.expr()) return false;
      if (this.is('punct', ',')) {
        this.i++;
        continue;
      }
      if (close === undefined) return true;
      if (!this.is('punct', close)) return false;
      this.i++;
      return true;
    }
  }
}
