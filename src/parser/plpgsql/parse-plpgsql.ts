/**
 * PL/pgSQL's grammar, by recursive descent over our token cursor: blocks with DECLARE and
 * EXCEPTION sections, the control statements, and the statements that carry SQL (kept as text;
 * see plpgsql-ast.ts). Written from PostgreSQL's PL/pgSQL chapter; cursors, COMMIT/ROLLBACK in
 * procedures and GET STACKED DIAGNOSTICS items beyond the common ones are 0A000.
 * @example parsePlpgsql('BEGIN RAISE NOTICE $$hi$$; END').block.body[0].kind // 'Raise'
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { extractInto } from './extract-into.js';
import type { PlBlock, PlDeclaration, PlFunction, PlHandler, PlRaiseLevel, PlSql, PlStatement } from './plpgsql-ast.js';
import { PlTokens } from './plpgsql-tokens.js';

const RAISE_LEVELS = new Set(['debug', 'log', 'info', 'notice', 'warning', 'exception']);
const UNSUPPORTED = new Set(['open', 'fetch', 'move', 'close', 'commit', 'rollback', 'call']);

class PlParser {
  constructor(private readonly p: PlTokens) {}

  /** `[<<label>>] [DECLARE …] BEGIN … [EXCEPTION …] END [label]`. */
  block(label: string | undefined): PlBlock {
    const p = this.p;
    const line = this.line();
    const declarations: PlDeclaration[] = [];
    if (p.acceptWord('declare')) {
      while (!p.isWord(0, 'begin')) {
        if (p.acceptWord('declare')) continue;
        declarations.push(this.declaration());
      }
    }
    p.expectWord('begin');
    const body = this.statements(['end', 'exception']);
    let handlers: PlHandler[] | undefined;
    if (p.acceptWord('exception')) {
      handlers = [];
      while (p.acceptWord('when')) {
        const conditions: string[] = [];
        do {
          if (p.acceptWord('sqlstate')) {
            const t = p.next();
            if (t.type !== 'string') throw p.error();
            conditions.push(`sqlstate:${t.value.toUpperCase()}`);
          } else {
            conditions.push(p.identifier());
          }
        } while (p.acceptWord('or'));
        p.expectWord('then');
        handlers.push({ conditions, body: this.statements(['when', 'end']) });
      }
      if (handlers.length === 0) throw p.error();
    }
    p.expectWord('end');
    this.endLabel(label);
    p.expectPunct(';');
    return { kind: 'Block', line, ...(label !== undefined ? { label } : {}), declarations, body, ...(handlers ? { handlers } : {}) };
  }

  private endLabel(label: string | undefined): void {
    const t = this.p.peek();
    if (t && (t.type === 'word' || t.type === 'qident') && !this.p.isPunct(0, ';')) {
      const name = this.p.identifier();
      if (label === undefined || name !== label) {
        throw new SqlError(SQLSTATE.SyntaxError, `end label "${name}" differs from block's label "${label ?? ''}"`);
      }
    }
  }

  private declaration(): PlDeclaration {
    const p = this.p;
    const name = p.identifier();
    if (p.acceptWord('alias')) {
      p.expectWord('for');
      const t = p.next();
      p.expectPunct(';');
      return { name, type: '', constant: false, notNull: false, aliasOf: t.text.toLowerCase() };
    }
    if (p.isWord(0, 'cursor') || (p.isWord(0, 'no', 'scroll') && p.isWord(1, 'scroll', 'cursor'))) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, 'PL/pgSQL cursor variables are not supported');
    }
    const constant = p.acceptWord('constant');
    const typeSql = p.sqlUntil(['not', 'default', 'collate'], [';', ':', '=']);
    if (p.acceptWord('collate')) p.identifier();
    let notNull = false;
    if (p.acceptWord('not')) { p.expectWord('null'); notNull = true; }
    let value: PlSql | undefined;
    const op = p.assignOp(0);
    if (op > 0 || p.isWord(0, 'default')) {
      p.pos += op > 0 ? op : 1;
      value = p.sqlUntil([]);
    }
    p.expectPunct(';');
    if ((constant || notNull) && !value) {
      throw new SqlError(SQLSTATE.SyntaxError, `variable "${name}" must have a default value, since it's declared ${constant ? 'CONSTANT' : 'NOT NULL'}`);
    }
    return { name, type: typeSql.text, constant, notNull, ...(value ? { default: value } : {}) };
  }

  /** Statements up to (not consuming) one of `stops`. */
  statements(stops: readonly string[]): PlStatement[] {
    const out: PlStatement[] = [];
    while (!this.p.isWord(0, ...stops)) {
      if (!this.p.peek()) throw this.p.error();
      out.push(this.statement());
    }
    return out;
  }

  private line(): number {
    return this.p.lineOf(this.p.peek()?.start ?? this.p.source.length);
  }

  private statement(): PlStatement {
    const p = this.p;
    const line = this.line();
    let label: string | undefined;
    if (p.isPunct(0, '<<')) {
      p.pos++;
      label = p.identifier();
      p.expectPunct('>>');
    }
    const word = p.peek()?.type === 'word' ? p.peek()!.text.toLowerCase() : '';
    if (word === 'declare' || word === 'begin') return this.block(label);
    if (word === 'loop' || word === 'while' || word === 'for' || word === 'foreach') return this.loop(word, label, line);
    if (label !== undefined) throw p.error();
    if (p.isPunct(0, ';')) { p.pos++; return { kind: 'Null', line }; }
    const assign = this.assignment(line);
    if (assign) return assign;
    switch (word) {
      case 'if': return this.ifStatement(line);
      case 'case': return this.caseStatement(line);
      case 'exit': case 'continue': {
        p.pos++;
        const name = p.peek()?.type === 'word' && !p.isWord(0, 'when') ? p.identifier() : undefined;
        const when = p.acceptWord('when') ? p.sqlUntil([]) : undefined;
        p.expectPunct(';');
        return { kind: 'Exit', line, continue: word === 'continue', ...(name !== undefined ? { label: name } : {}), ...(when ? { when } : {}) };
      }
      case 'return': return this.returnStatement(line);
      case 'raise': return this.raise(line);
      case 'assert': {
        p.pos++;
        const cond = p.sqlUntil([], [';', ',']);
        const message = p.isPunct(0, ',') ? (p.pos++, p.sqlUntil([])) : undefined;
        p.expectPunct(';');
        return { kind: 'Assert', line, cond, ...(message ? { message } : {}) };
      }
      case 'perform': {
        p.pos++;
        const query = p.sqlUntil([]);
        p.expectPunct(';');
        return { kind: 'Perform', line, query };
      }
      case 'execute': return this.execute(line);
      case 'get': return this.diagnostics(line);
      case 'null': if (p.isPunct(1, ';')) { p.pos += 2; return { kind: 'Null', line }; } break;
      default: break;
    }
    if (UNSUPPORTED.has(word)) throw new SqlError(SQLSTATE.FeatureNotSupported, `PL/pgSQL statement ${word.toUpperCase()} is not supported`);
    const from = p.pos;
    p.sqlUntil([]);
    const { sql, into } = extractInto(p, from, p.pos);
    p.expectPunct(';');
    return { kind: 'Sql', line, sql, verb: word.toUpperCase(), ...(into ? { into } : {}) };
  }

  /** `target := expr;` where target is a name, `a.b` or `a[i]`; undefined when not an assignment. */
  private assignment(line: number): PlStatement | undefined {
    const p = this.p;
    const first = p.peek();
    if (!first || (first.type !== 'word' && first.type !== 'qident')) return undefined;
    let k = 1;
    for (;;) {
      if (p.isPunct(k, '.') && (p.peek(k + 1)?.type === 'word' || p.peek(k + 1)?.type === 'qident')) { k += 2; continue; }
      if (p.isPunct(k, '[')) {
        let depth = 0;
        for (; p.peek(k); k++) {
          if (p.isPunct(k, '[')) depth++;
          if (p.isPunct(k, ']') && --depth === 0) break;
        }
        k++;
        continue;
      }
      break;
    }
    const op = p.assignOp(k);
    if (op === 0) return undefined;
    const target = p.span(p.pos, p.pos + k).text;
    p.pos += k + op;
    const expr = p.sqlUntil([]);
    p.expectPunct(';');
    return { kind: 'Assign', line, target, expr };
  }

  private ifStatement(line: number): PlStatement {
    const p = this.p;
    p.pos++;
    const branches: { cond: PlSql; body: PlStatement[] }[] = [];
    let otherwise: PlStatement[] | undefined;
    for (;;) {
      const cond = p.sqlUntil(['then']);
      p.expectWord('then');
      branches.push({ cond, body: this.statements(['elsif', 'elseif', 'else', 'end']) });
      if (p.acceptWord('elsif', 'elseif')) continue;
      if (p.acceptWord('else')) otherwise = this.statements(['end']);
      break;
    }
    p.expectWord('end');
    p.expectWord('if');
    p.expectPunct(';');
    return { kind: 'If', line, branches, ...(otherwise ? { otherwise } : {}) };
  }

  private caseStatement(line: number): PlStatement {
    const p = this.p;
    p.pos++;
    const operand = p.isWord(0, 'when') ? undefined : p.sqlUntil(['when']);
    const whens: { expr: PlSql; body: PlStatement[] }[] = [];
    while (p.acceptWord('when')) {
      const expr = p.sqlUntil(['then']);
      p.expectWord('then');
      whens.push({ expr, body: this.statements(['when', 'else', 'end']) });
    }
    if (whens.length === 0) throw p.error();
    const otherwise = p.acceptWord('else') ? this.statements(['end']) : undefined;
    p.expectWord('end');
    p.expectWord('case');
    p.expectPunct(';');
    return { kind: 'Case', line, ...(operand ? { operand } : {}), whens, ...(otherwise ? { otherwise } : {}) };
  }

  private loopBody(label: string | undefined): PlStatement[] {
    const p = this.p;
    p.expectWord('loop');
    const body = this.statements(['end']);
    p.expectWord('end');
    p.expectWord('loop');
    this.endLabel(label);
    p.expectPunct(';');
    return body;
  }

  private loop(word: string, label: string | undefined, line: number): PlStatement {
    const p = this.p;
    const labelled = label !== undefined ? { label } : {};
    if (word === 'loop') return { kind: 'Loop', line, ...labelled, body: this.loopBody(label) };
    p.pos++;
    if (word === 'while') {
      const cond = p.sqlUntil(['loop']);
      return { kind: 'While', line, ...labelled, cond, body: this.loopBody(label) };
    }
    if (word === 'foreach') {
      const target = p.identifier();
      const slice = p.acceptWord('slice') ? Number(p.next().text) : 0;
      p.expectWord('in');
      p.expectWord('array');
      const array = p.sqlUntil(['loop']);
      return { kind: 'Foreach', line, ...labelled, target, slice, array, body: this.loopBody(label) };
    }
    const targets = [p.identifier()];
    while (p.isPunct(0, ',')) { p.pos++; targets.push(p.identifier()); }
    p.expectWord('in');
    if (p.acceptWord('execute')) {
      const query = p.sqlUntil(['loop', 'using']);
      const using = p.acceptWord('using') ? this.list(['loop']) : [];
      return { kind: 'ForQuery', line, ...labelled, targets, query, dynamic: true, using, body: this.loopBody(label) };
    }
    const reverse = p.isWord(0, 'reverse') && this.hasRangeDots(1) ? (p.pos++, true) : false;
    if (this.hasRangeDots(0)) {
      if (targets.length !== 1) throw p.error();
      const from = p.sqlUntil([], ['.']);
      p.expectPunct('.');
      p.expectPunct('.');
      const to = p.sqlUntil(['by', 'loop']);
      const by = p.acceptWord('by') ? p.sqlUntil(['loop']) : undefined;
      return { kind: 'ForRange', line, ...labelled, variable: targets[0]!, reverse, from, to, ...(by ? { by } : {}), body: this.loopBody(label) };
    }
    const query = p.sqlUntil(['loop']);
    return { kind: 'ForQuery', line, ...labelled, targets, query, dynamic: false, using: [], body: this.loopBody(label) };
  }

  /** True when a depth-0 `..` comes before the depth-0 LOOP. */
  private hasRangeDots(ahead: number): boolean {
    let depth = 0;
    for (let k = ahead; this.p.peek(k); k++) {
      if (this.p.isPunct(k, '(') || this.p.isPunct(k, '[')) depth++;
      if (this.p.isPunct(k, ')') || this.p.isPunct(k, ']')) depth--;
      if (depth === 0 && this.p.isWord(k, 'loop')) return false;
      if (depth === 0 && this.p.isPunct(k, '.') && this.p.isPunct(k + 1, '.') && this.p.peek(k)!.end === this.p.peek(k + 1)!.start) return true;
    }
    return false;
  }

  /** Comma-separated expressions up to `stops` or `;`. */
  private list(stops: readonly string[]): PlSql[] {
    const out = [this.p.sqlUntil(stops, [';', ','])];
    while (this.p.isPunct(0, ',')) { this.p.pos++; out.push(this.p.sqlUntil(stops, [';', ','])); }
    return out;
  }

  private returnStatement(line: number): PlStatement {
    const p = this.p;
    p.pos++;
    if (p.acceptWord('next')) {
      const expr = p.isPunct(0, ';') ? undefined : p.sqlUntil([]);
      p.expectPunct(';');
      return { kind: 'ReturnNext', line, ...(expr ? { expr } : {}) };
    }
    if (p.acceptWord('query')) {
      const dynamic = p.acceptWord('execute');
      const query = p.sqlUntil(dynamic ? ['using'] : []);
      const using = dynamic && p.acceptWord('using') ? this.list([]) : [];
      p.expectPunct(';');
      return { kind: 'ReturnQuery', line, query, dynamic, using };
    }
    const expr = p.isPunct(0, ';') ? undefined : p.sqlUntil([]);
    p.expectPunct(';');
    return { kind: 'Return', line, ...(expr ? { expr } : {}) };
  }

  private raise(line: number): PlStatement {
    const p = this.p;
    p.pos++;
    let level: PlRaiseLevel = 'EXCEPTION';
    if (p.isWord(0, ...RAISE_LEVELS)) level = p.next().text.toUpperCase() as PlRaiseLevel;
    let condition: string | undefined;
    let message: string | undefined;
    const params: PlSql[] = [];
    const t = p.peek();
    if (t?.type === 'string') {
      p.pos++;
      message = t.value;
      while (p.isPunct(0, ',')) { p.pos++; params.push(p.sqlUntil(['using'], [';', ','])); }
    } else if (p.acceptWord('sqlstate')) {
      const code = p.next();
      if (code.type !== 'string') throw p.error();
      condition = `sqlstate:${code.value.toUpperCase()}`;
    } else if (t?.type === 'word' && !p.isWord(0, 'using')) {
      condition = p.identifier();
    }
    const options: { name: string; expr: PlSql }[] = [];
    if (p.acceptWord('using')) {
      do {
        const name = p.identifier();
        const op = p.assignOp(0);
        if (op === 0) throw p.error();
        p.pos += op;
        options.push({ name, expr: p.sqlUntil([], [';', ',']) });
      } while (p.isPunct(0, ',') && (p.pos++, true));
    }
    p.expectPunct(';');
    return { kind: 'Raise', line, level, ...(condition !== undefined ? { condition } : {}), ...(message !== undefined ? { message } : {}), params, options };
  }

  private execute(line: number): PlStatement {
    const p = this.p;
    p.pos++;
    const sql = p.sqlUntil(['into', 'using']);
    let into: { targets: string[]; strict: boolean } | undefined;
    let using: PlSql[] = [];
    for (;;) {
      if (p.acceptWord('into')) {
        const strict = p.acceptWord('strict');
        const targets = [p.identifier()];
        while (p.isPunct(0, ',')) { p.pos++; targets.push(p.identifier()); }
        into = { targets, strict };
      } else if (p.acceptWord('using')) {
        using = this.list(['into']);
      } else {
        break;
      }
    }
    p.expectPunct(';');
    return { kind: 'Execute', line, sql, using, ...(into ? { into } : {}) };
  }

  private diagnostics(line: number): PlStatement {
    const p = this.p;
    p.pos++;
    const stacked = p.acceptWord('stacked');
    if (!stacked) p.acceptWord('current');
    p.expectWord('diagnostics');
    const items: { target: string; item: string }[] = [];
    do {
      const target = p.identifier();
      const op = p.assignOp(0);
      if (op === 0) throw p.error();
      p.pos += op;
      items.push({ target, item: p.identifier() });
    } while (p.isPunct(0, ',') && (p.pos++, true));
    p.expectPunct(';');
    return { kind: 'GetDiagnostics', line, stacked, items };
  }
}

/** Parses a PL/pgSQL function body or DO block: one block, optionally labelled, optionally ending in `;`. */
export function parsePlpgsql(source: string): PlFunction {
  const p = new PlTokens(source);
  const parser = new PlParser(p);
  let label: string | undefined;
  if (p.isPunct(0, '<<')) {
    p.pos++;
    label = p.identifier();
    p.expectPunct('>>');
  }
  if (!p.isWord(0, 'declare', 'begin')) throw p.error();
  // The outer block's `;` is optional: fake one when it is missing.
  const withSemicolon = p.tokens[p.tokens.length - 1]?.text === ';' ? p : undefined;
  if (!withSemicolon) {
    const fixed = new PlTokens(`${source}\n;`);
    fixed.pos = p.pos;
    const block = new PlParser(fixed).block(label);
    if (fixed.peek()) throw fixed.error();
    return { block, source };
  }
  const block = parser.block(label);
  if (p.peek()) throw p.error();
  return { block, source };
}
