/**
 * jsonpath_in: the jsonpath text → JsonPath (jsonpath-ast.ts), a recursive-descent parser over
 * PostgreSQL 15's grammar (precedence, low to high: `||`, `&&`, `!`, comparisons / like_regex /
 * starts with, `+ -`, `* / %`, unary `+ -`, accessors) with its 42601 errors: `syntax error at
 * or near "…" of jsonpath input`, `@ is not allowed in root expressions`, `LAST is allowed only
 * in array subscripts`.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { isPredicate, type JsonPath, type JsonPathExpr, type JsonPathItem, type JsonPathMethod } from './jsonpath-ast.js';
import { parseJsonNumber } from './jsonb-value.js';
import { scanJsonPath, type JsonPathToken } from './jsonpath-scanner.js';

const METHODS = new Set<string>(['type', 'size', 'double', 'ceiling', 'floor', 'abs', 'keyvalue', 'datetime']);
/** like_regex flags: i, s (the default), m, x, q. */
const REGEX_FLAGS = /^[imsxq]*$/;
const COMPARISONS: Readonly<Record<string, '==' | '!=' | '<' | '<=' | '>' | '>='>> = {
  '==': '==', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
};

function syntaxError(message: string): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, message);
}

class Parser {
  private pos = 0;
  /** Depth of filters (`@` is allowed inside one) and of array subscripts (`last`). */
  private filters = 0;
  private subscripts = 0;

  constructor(private readonly tokens: readonly JsonPathToken[]) {}

  private peek(offset = 0): JsonPathToken | undefined {
    return this.tokens[this.pos + offset];
  }

  private fail(): never {
    const token = this.peek();
    throw syntaxError(token ? `syntax error at or near "${token.text}" of jsonpath input` : 'syntax error at end of jsonpath input');
  }

  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind === 'punct' && t.text === text;
  }

  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind === 'ident' && t.text.toLowerCase() === word;
  }

  private expect(text: string): void {
    if (!this.isPunct(text)) this.fail();
    this.pos++;
  }

  parse(): JsonPath {
    let strict = false;
    if (this.isWord('strict') || this.isWord('lax')) {
      strict = this.isWord('strict');
      this.pos++;
    }
    const expr = this.or();
    if (this.pos < this.tokens.length) this.fail();
    return { strict, expr };
  }

  private or(): JsonPathExpr {
    let left = this.and();
    while (this.isPunct('||')) {
      this.requirePredicate(left);
      this.pos++;
      left = [{ kind: 'logical', op: '||', left, right: this.requirePredicate(this.and()) }];
    }
    return left;
  }

  private and(): JsonPathExpr {
    let left = this.not();
    while (this.isPunct('&&')) {
      this.requirePredicate(left);
      this.pos++;
      left = [{ kind: 'logical', op: '&&', left, right: this.requirePredicate(this.not()) }];
    }
    return left;
  }

  /**
   * PostgreSQL's grammar takes only predicates as operands of `&&`, `||`, `!` and filters;
   * anything else is a syntax error at the token after it (the operator, for a left operand).
   */
  private requirePredicate(expr: JsonPathExpr): JsonPathExpr {
    if (expr.length === 1 && isPredicate(expr[0]!)) return expr;
    return this.fail();
  }

  private not(): JsonPathExpr {
    if (!this.isPunct('!')) return this.comparison();
    this.pos++;
    if (!this.isPunct('(') && !this.isWord('exists')) this.fail();
    return [{ kind: 'not', operand: this.requirePredicate(this.postfix()) }];
  }

  private comparison(): JsonPathExpr {
    const left = this.additive();
    const token = this.peek();
    if (token?.kind === 'punct' && COMPARISONS[token.text]) {
      this.pos++;
      return [{ kind: 'compare', op: COMPARISONS[token.text]!, left, right: this.additive() }];
    }
    if (this.isWord('like_regex')) {
      this.pos++;
      const pattern = this.string();
      let flags = '';
      if (this.isWord('flag')) {
        this.pos++;
        flags = this.string();
        const bad = [...flags].find((f) => !REGEX_FLAGS.test(f));
        if (bad !== undefined) {
          throw new SqlError(SQLSTATE.SyntaxError, 'invalid input syntax for type jsonpath',
            { detail: `Unrecognized flag character "${bad}" in LIKE_REGEX predicate.` });
        }
      }
      return [{ kind: 'likeRegex', operand: left, pattern, flags }];
    }
    if (this.isWord('starts') && this.isWord('with', 1)) {
      this.pos += 2;
      const t = this.peek();
      if (t?.kind !== 'string' && t?.kind !== 'variable') this.fail();
      this.pos++;
      const prefix: JsonPathItem = t.kind === 'string' ? { kind: 'literal', value: t.value! } : { kind: 'variable', name: t.value! };
      return [{ kind: 'startsWith', operand: left, prefix: [prefix] }];
    }
    return left;
  }

  private string(): string {
    const t = this.peek();
    if (t?.kind !== 'string') this.fail();
    this.pos++;
    return t.value!;
  }

  private additive(): JsonPathExpr {
    let left = this.multiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const op = this.peek()!.text as '+' | '-';
      this.pos++;
      left = [{ kind: 'arithmetic', op, left, right: this.multiplicative() }];
    }
    return left;
  }

  private multiplicative(): JsonPathExpr {
    let left = this.unary();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const op = this.peek()!.text as '*' | '/' | '%';
      this.pos++;
      left = [{ kind: 'arithmetic', op, left, right: this.unary() }];
    }
    return left;
  }

  private unary(): JsonPathExpr {
    if (this.isPunct('+') || this.isPunct('-')) {
      const op = this.peek()!.text as '+' | '-';
      this.pos++;
      return [{ kind: 'unary', op, operand: this.unary() }];
    }
    return this.postfix();
  }

  /** A primary and its accessors. */
  private postfix(): JsonPathExpr {
    const chain: JsonPathItem[] = [...this.primary()];
    for (;;) {
      if (this.isPunct('.')) chain.push(this.dotAccessor());
      else if (this.isPunct('[')) chain.push(this.arrayAccessor());
      else if (this.isPunct('?')) {
        this.pos++;
        this.expect('(');
        this.filters++;
        const predicate = this.requirePredicate(this.or());
        this.filters--;
        this.expect(')');
        chain.push({ kind: 'filter', predicate });
      } else return chain;
    }
  }

  private primary(): JsonPathExpr {
    const t = this.peek();
    if (!t) this.fail();
    if (t.kind === 'punct' && t.text === '(') {
      this.pos++;
      const inner = this.or();
      this.expect(')');
      if (this.isWord('is') && this.isWord('unknown', 1)) {
        this.pos += 2;
        return [{ kind: 'isUnknown', operand: inner }];
      }
      return inner;
    }
    this.pos++;
    switch (t.kind) {
      case 'string': return [{ kind: 'literal', value: t.value! }];
      case 'number': return [{ kind: 'literal', value: parseJsonNumber(t.text.startsWith('.') ? `0${t.text}` : t.text) }];
      case 'variable': return [{ kind: 'variable', name: t.value! }];
      case 'punct':
        if (t.text === '$') return [{ kind: 'root' }];
        if (t.text === '@') {
          if (this.filters === 0) throw syntaxError('@ is not allowed in root expressions');
          return [{ kind: 'current' }];
        }
        break;
      case 'ident': {
        const word = t.text.toLowerCase();
        if (word === 'true' || word === 'false') return [{ kind: 'literal', value: word === 'true' }];
        if (word === 'null') return [{ kind: 'literal', value: null }];
        if (word === 'last') {
          if (this.subscripts === 0) throw syntaxError('LAST is allowed only in array subscripts');
          return [{ kind: 'last' }];
        }
        if (word === 'exists' && this.isPunct('(')) {
          this.pos++;
          const operand = this.or();
          this.expect(')');
          return [{ kind: 'exists', operand }];
        }
        break;
      }
    }
    this.pos--;
    return this.fail();
  }

  private dotAccessor(): JsonPathItem {
    this.pos++;
    const t = this.peek();
    if (!t) this.fail();
    if (t.kind === 'punct' && t.text === '*') {
      this.pos++;
      return { kind: 'anyKey' };
    }
    if (t.kind === 'punct' && t.text === '**') {
      this.pos++;
      return this.anyLevels();
    }
    if (t.kind === 'string') {
      this.pos++;
      return { kind: 'key', name: t.value! };
    }
    if (t.kind !== 'ident') this.fail();
    this.pos++;
    if (this.isPunct('(')) {
      const name = t.text.toLowerCase();
      if (!METHODS.has(name)) this.fail();
      this.pos++;
      const template = name === 'datetime' && this.peek()?.kind === 'string' ? this.string() : undefined;
      this.expect(')');
      return { kind: 'method', name: name as JsonPathMethod, ...(template !== undefined ? { template } : {}) };
    }
    return { kind: 'key', name: t.text };
  }

  /** `**`, `**{n}`, `**{n to m}` with `last` for no bound. */
  private anyLevels(): JsonPathItem {
    if (!this.isPunct('{')) return { kind: 'any', first: 0, last: -1 };
    this.pos++;
    const first = this.level();
    const last = this.isWord('to') ? (this.pos++, this.level()) : first;
    this.expect('}');
    return { kind: 'any', first, last };
  }

  private level(): number {
    const t = this.peek();
    if (t?.kind === 'ident' && t.text.toLowerCase() === 'last') {
      this.pos++;
      return -1;
    }
    if (t?.kind !== 'number' || !/^\d+$/.test(t.text)) this.fail();
    this.pos++;
    return Number(t.text);
  }

  private arrayAccessor(): JsonPathItem {
    this.pos++;
    if (this.isPunct('*') && this.isPunct(']', 1)) {
      this.pos += 2;
      return { kind: 'anyArray' };
    }
    this.subscripts++;
    const subscripts: { from: JsonPathExpr; to?: JsonPathExpr }[] = [];
    for (;;) {
      const from = this.or();
      if (this.isWord('to')) {
        this.pos++;
        subscripts.push({ from, to: this.or() });
      } else subscripts.push({ from });
      if (!this.isPunct(',')) break;
      this.pos++;
    }
    this.subscripts--;
    this.expect(']');
    return { kind: 'index', subscripts };
  }
}

/** Parses jsonpath text; 42601 on bad syntax. */
export function parseJsonPath(text: string): JsonPath {
  return new Parser(scanJsonPath(text)).parse();
}
