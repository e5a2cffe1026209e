/**
 * Reads one JavaScript object literal, as a minifier prints JSON data, into a JSON value.
 *
 * Why not `eval`: the text comes out of a dependency's bundle; a parser that only knows literal
 * syntax cannot run code, and it fails loudly (with an offset) if the bundle ever changes shape.
 * It accepts what minifiers emit for JSON: unquoted or quoted keys, '…', "…" and `…` strings
 * (template literals without `${`), numbers, `!0`/`!1` for true/false, true, false, null.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface LiteralParse {
  value: JsonValue;
  /** Offset just past the literal's last character. */
  end: number;
}

export function parseJsLiteral(text: string, start: number): LiteralParse {
  const parser = new LiteralParser(text, start);
  const value = parser.value();
  return { value, end: parser.pos };
}

class LiteralParser {
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  value(): JsonValue {
    this.space();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'" || c === '`') return this.string();
    if (c === '!' && (this.text[this.pos + 1] === '0' || this.text[this.pos + 1] === '1')) {
      this.pos += 2;
      return this.text[this.pos - 1] === '0';
    }
    if (c === '-' || c === '.' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos) && !isIdentChar(this.text[this.pos + word.length])) {
        this.pos += word.length;
        return value;
      }
    }
    throw this.error('expected a literal value');
  }

  private object(): { [key: string]: JsonValue } {
    const result: { [key: string]: JsonValue } = {};
    this.pos++; // {
    for (;;) {
      this.space();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return result;
      }
      const key = this.key();
      this.space();
      this.expect(':');
      // defineProperty, not assignment: a key named "__proto__" must stay plain data.
      Object.defineProperty(result, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.space();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') throw this.error("expected ',' or '}'");
    }
  }

  private array(): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos++; // [
    for (;;) {
      this.space();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return result;
      }
      result.push(this.value());
      this.space();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') throw this.error("expected ',' or ']'");
    }
  }

  private key(): string {
    const c = this.text[this.pos];
    if (c === '"' || c === "'" || c === '`') return this.string();
    if (c !== undefined && c >= '0' && c <= '9') return String(this.number());
    const begin = this.pos;
    while (isIdentChar(this.text[this.pos])) this.pos++;
    if (this.pos === begin) throw this.error('expected a property name');
    return this.text.slice(begin, this.pos);
  }

  private number(): number {
    const match = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 40));
    if (!match) throw this.error('expected a number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private string(): string {
    const quote = this.text[this.pos]!;
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) throw this.error('unterminated string');
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (quote === '`' && c === '$' && this.text[this.pos + 1] === '{') throw this.error('template literal with ${…} is code, not data');
      if (c === '\\') {
        out += this.escape();
        continue;
      }
      if (quote !== '`' && (c === '\n' || c === '\r')) throw this.error('line break in a quoted string');
      out += c;
      this.pos++;
    }
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    this.pos += 2;
    switch (c) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      case '0': return '\0';
      case '\n': return ''; // line continuation
      case 'x': return this.hex(2);
      case 'u':
        if (this.text[this.pos] === '{') {
          const close = this.text.indexOf('}', this.pos);
          const code = Number.parseInt(this.text.slice(this.pos + 1, close), 16);
          this.pos = close + 1;
          return String.fromCodePoint(code);
        }
        return this.hex(4);
      case undefined: throw this.error('unterminated escape');
      default: return c; // \\ \" \' \` \/ and any other identity escape
    }
  }

  private hex(digits: number): string {
    const code = Number.parseInt(this.text.slice(this.pos, this.pos + digits), 16);
    if (Number.isNaN(code)) throw this.error('bad hex escape');
    this.pos += digits;
    return String.fromCharCode(code);
  }

  private space(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) throw this.error(`expected '${c}'`);
    this.pos++;
  }

  private error(what: string): Error {
    return new Error(`${what} at offset ${this.pos}: ${JSON.stringify(this.text.slice(this.pos, this.pos + 40))}`);
  }
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[\w$]/.test(c);
}
