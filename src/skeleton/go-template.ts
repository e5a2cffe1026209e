/**
 * Tells a Go text/template action (`{{ .Values.x }}`, `{{- include "a" . }}`, `{{ add 3 2 1 }}`)
 * from a skeleton hole, by Go's own grammar (text/template/parse: lex.go and parse.go).
 *
 * Written by hand because no JavaScript library parses Go templates, and what is needed is
 * narrow: a yes/no on one action's text, never its meaning. The grammar followed:
 *
 *   action   := keyword form | pipeline
 *   pipeline := [ $var [, $var] (:= | =) ] command ( '|' command )*
 *   command  := operand+
 *   operand  := term ( .Field )*
 *   term     := literal | identifier | . | .Field… | $var.Field… | ( pipeline )
 *   literal  := "string" | `raw` | 'c' | number | true | false | nil
 *
 * Two deliberate narrowings, because a skeleton's briefs are prose: identifiers are ASCII (Go
 * allows any Unicode letter, so `Python и Flask` would be a call of `Python`), and a command that
 * is nothing but bare words (`{{chat}}`, `{{write about the deploy}}`) is read as prose: it is a
 * valid Go call only if a function of that name exists, which no grammar can tell.
 */

type Tok =
  | { t: 'ident' | 'field' | 'var' | 'literal' | 'op'; v: string }
  | { t: 'space' };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

const NUMBER = /[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?\d+)?|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)i?(?![\w.])/y;
const STRING = /"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.[^']*)'/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const FIELD = /(?:\.[A-Za-z_][A-Za-z0-9_]*)+|\.(?![\w])/y;
const VAR = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const CHAIN = /(?:\.[A-Za-z_][A-Za-z0-9_]*)+/y;

function sticky(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** Go's lexer, on the text between the delimiters; undefined if it meets a character Go does not allow. */
function lex(text: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
      out.push({ t: 'space' });
      continue;
    }
    if (c === '(' || c === ')' || c === '|' || c === ',') {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    if (text.startsWith(':=', i)) {
      out.push({ t: 'op', v: ':=' });
      i += 2;
      continue;
    }
    if (c === '=') {
      out.push({ t: 'op', v: '=' });
      i++;
      continue;
    }
    let m: string | undefined;
    if ((m = sticky(STRING, text, i)) !== undefined) out.push({ t: 'literal', v: m });
    else if (/[\d+\-.]/.test(c) && (m = sticky(NUMBER, text, i)) !== undefined) out.push({ t: 'literal', v: m });
    else if (c === '$' && (m = sticky(VAR, text, i)) !== undefined) out.push({ t: 'var', v: m });
    else if (c === '.' && (m = sticky(FIELD, text, i)) !== undefined) out.push({ t: 'field', v: m });
    else if ((m = sticky(IDENT, text, i)) !== undefined) {
      const chain = sticky(CHAIN, text, i + m.length) ?? '';
      const word = m === 'true' || m === 'false' || m === 'nil' ? 'literal' : 'ident';
      out.push({ t: chain ? 'field' : word, v: m + chain });
      m += chain;
    } else return undefined;
    i += m.length;
  }
  return out;
}

/** A recursive-descent reader over the tokens; every method returns false when the grammar fails. */
class Reader {
  private i = 0;
  /** Set when anything but a bare word appears: a literal, a field, a variable, a pipe, parentheses. */
  code = false;
  private depth = 0;

  constructor(private readonly toks: Tok[]) {}

  private skip(): void {
    while (this.toks[this.i]?.t === 'space') this.i++;
  }

  private peek(): Tok | undefined {
    this.skip();
    return this.toks[this.i];
  }

  private isOp(v: string): boolean {
    const tok = this.peek();
    return tok?.t === 'op' && tok.v === v;
  }

  done(): boolean {
    return this.peek() === undefined;
  }

  keywordAction(): boolean | undefined {
    const tok = this.peek();
    if (tok?.t !== 'ident' || !KEYWORDS.has(tok.v)) return undefined;
    this.i++;
    this.code = true;
    switch (tok.v) {
      case 'end':
      case 'break':
      case 'continue':
        return this.done();
      case 'else': {
        if (this.done()) return true;
        const next = this.peek();
        if (next?.t === 'ident' && (next.v === 'if' || next.v === 'with')) {
          this.i++;
          return this.pipeline() && this.done();
        }
        return false;
      }
      case 'define':
      case 'template':
      case 'block': {
        const name = this.peek();
        if (name?.t !== 'literal' || !/^["`]/.test(name.v)) return false;
        this.i++;
        if (tok.v === 'define') return this.done();
        return this.done() || (this.pipeline() && this.done());
      }
      default: // if, range, with
        return this.pipeline() && this.done();
    }
  }

  pipeline(): boolean {
    if (++this.depth > 50) return false;
    const start = this.i;
    if (!this.declaration()) this.i = start;
    if (!this.command()) return false;
    while (this.isOp('|')) {
      this.i++;
      this.code = true;
      if (!this.command()) return false;
    }
    this.depth--;
    return true;
  }

  private declaration(): boolean {
    if (this.peek()?.t !== 'var') return false;
    this.i++;
    if (this.isOp(',')) {
      this.i++;
      if (this.peek()?.t !== 'var') return false;
      this.i++;
    }
    if (!this.isOp(':=') && !this.isOp('=')) return false;
    this.i++;
    this.code = true;
    return true;
  }

  private command(): boolean {
    let operands = 0;
    while (this.operand()) operands++;
    return operands > 0;
  }

  private operand(): boolean {
    const tok = this.peek();
    if (tok === undefined) return false;
    if (tok.t === 'ident') {
      if (KEYWORDS.has(tok.v)) return false;
      this.i++;
      return true;
    }
    if (tok.t === 'literal' || tok.t === 'field' || tok.t === 'var') {
      this.i++;
      this.code = true;
      return true;
    }
    if (tok.t === 'op' && tok.v === '(') {
      this.i++;
      this.code = true;
      if (!this.pipeline() || !this.isOp(')')) return false;
      this.i++;
      // `(index $.Values.p 0).value`: a field chain right after the parenthesis.
      const next = this.toks[this.i];
      if (next?.t === 'field' && next.v.startsWith('.')) this.i++;
      return true;
    }
    return false;
  }
}

/** True if `inner` (the text between `{{` and `}}`) is a Go template action. */
export function isGoTemplateAction(inner: string): boolean {
  let body = inner;
  // Trim markers: `{{- x }}`, `{{ x -}}` (Go wants a space after/before the dash).
  if (/^-[ \t\r\n]/.test(body)) body = body.slice(1);
  else if (body === '-') return false;
  if (/[ \t\r\n]-$/.test(body)) body = body.slice(0, -1);
  const trimmed = body.trim();
  if (trimmed === '') return false;
  if (/^\/\*[\s\S]*\*\/$/.test(trimmed)) return true; // {{/* a comment */}}
  const toks = lex(trimmed);
  if (toks === undefined) return false;
  const reader = new Reader(toks);
  const keyword = reader.keywordAction();
  if (keyword !== undefined) return keyword;
  return reader.pipeline() && reader.done() && reader.code;
}
