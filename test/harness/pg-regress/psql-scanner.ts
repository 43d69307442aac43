/**
 * Reads a psql script the way psql 15 does (`psql -f`): statements end at a semicolon outside
 * quotes, comments, dollar quotes, parentheses and `CREATE FUNCTION … BEGIN ATOMIC … END`
 * bodies; `:var`, `:'var'`, `:"var"` and `:{?var}` are interpolated as the text is read; a
 * backslash outside quoted text starts a meta-command that runs to the end of the line (or to
 * `\\`); `\;` puts a semicolon into the statement without ending it. Leading whitespace and
 * `--` comments are dropped as psql drops them; what is sent keeps the terminating semicolon.
 *
 * The caller drives it item by item, so the effects of one item (a `\set`, a COPY that asks for
 * data) are in place before the next is read — as in psql, where text is lexed only when reached.
 *
 * @example
 *   const s = new PsqlScanner("\\set n 3\nSELECT :n;\n", vars);
 *   s.next(); // { kind: 'meta', name: 'set', args: 'n 3', … } — the caller stores n
 *   s.next(); // { kind: 'query', text: 'SELECT 3;', … }
 */
import { readLexeme } from './sql-lexeme.js';

/** Variable values as psql holds them (names are case-sensitive). */
export interface VariableLookup {
  get(name: string): string | undefined;
}

export interface QueryItem {
  readonly kind: 'query';
  readonly text: string;
  readonly line: number;
}

export type ScanItem = QueryItem | { readonly kind: 'meta'; readonly name: string; readonly args: string; readonly line: number };

/** Meta-commands whose argument is the rest of the line, taken verbatim (psql's OT_WHOLE_LINE). */
const WHOLE_LINE_COMMANDS = new Set(['copy', '!']);

/** Words psql tracks to recognise `CREATE [OR REPLACE] FUNCTION|PROCEDURE` (for BEGIN ATOMIC). */
const ROUTINE_WORDS = new Set(['create', 'or', 'replace', 'function', 'procedure']);
const TRACKED_WORDS = 4;

const VARIABLE = /[A-Za-z_0-9\u0080-\uffff]+/y;

/** PQescapeLiteral's quoting: doubled quotes, and E'' with doubled backslashes when needed. */
export function quoteLiteral(value: string): string {
  const body = value.replace(/'/g, "''");
  return value.includes('\\') ? ` E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/** PQescapeIdentifier's quoting. */
export function quoteIdentifier(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

interface Expansion {
  readonly name: string;
  end: number;
}

export class PsqlScanner {
  private text: string;
  private pos = 0;
  private line = 1;
  private buf = '';
  private bufLine = 0;
  /** True once the buffer holds more than comments: psql would send it. */
  private hasTokens = false;
  private parenDepth = 0;
  private beginDepth = 0;
  private readonly words: string[] = [];
  private wordCount = 0;
  /** Variable values being lexed, so a value naming its own variable does not loop forever. */
  private expansions: Expansion[] = [];

  constructor(text: string, private readonly vars: VariableLookup) {
    this.text = text;
  }

  /** The next statement or meta-command, or undefined at the end of the script. */
  next(): ScanItem | undefined {
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === '\\') {
        const after = this.text[this.pos + 1];
        if (after === ';' || after === ':') {
          this.append(after, true);
          this.pos += 2;
          continue;
        }
        return this.readMeta();
      }
      if (ch === ':' && this.interpolate()) continue;
      const { kind, end } = readLexeme(this.text, this.pos);
      const piece = this.text.slice(this.pos, end);
      this.advance(end);
      if (kind === 'space' || (kind === 'comment' && piece.startsWith('--'))) {
        if (this.buf.length > 0) this.buf += piece;
        continue;
      }
      this.append(piece, kind !== 'comment');
      if (kind === 'word') this.trackWord(piece);
      else if (piece === '(') this.parenDepth++;
      else if (piece === ')') this.parenDepth = Math.max(0, this.parenDepth - 1);
      else if (piece === ';' && this.parenDepth === 0 && this.beginDepth === 0) {
        const item = this.takeQuery();
        if (item) return item;
      }
    }
    return this.takeQuery();
  }

  /** Ends the statement being read (for `\g`, `\gset`, `\gexec`, or a terminator): its text, or undefined if only comments. */
  takeQuery(): QueryItem | undefined {
    const item = this.hasTokens ? { kind: 'query' as const, text: this.buf, line: this.bufLine } : undefined;
    this.buf = '';
    this.hasTokens = false;
    this.parenDepth = 0;
    this.beginDepth = 0;
    this.wordCount = 0;
    return item;
  }

  /**
   * COPY … FROM STDIN data: the lines after the current one, up to and including a line that is
   * exactly `\.` (psql 15 sends that line too), or to the end of the script. They are removed
   * from the script; the rest of the current line is read next, as psql does.
   */
  readCopyData(): string {
    const nl = this.text.indexOf('\n', this.pos);
    if (nl < 0) return '';
    let at = nl + 1;
    let lines = 0;
    while (at < this.text.length) {
      const eol = this.text.indexOf('\n', at);
      const lineEnd = eol < 0 ? this.text.length : eol + 1;
      const content = this.text.slice(at, eol < 0 ? this.text.length : eol).replace(/\r$/, '');
      at = lineEnd;
      lines++;
      if (content === '\\.') break;
    }
    const data = this.text.slice(nl + 1, at);
    this.text = this.text.slice(0, nl + 1) + this.text.slice(at);
    this.line += lines;
    this.shiftExpansions(nl + 1, -(at - nl - 1));
    return data;
  }

  private append(piece: string, isToken: boolean): void {
    if (this.buf.length === 0) this.bufLine = this.line;
    this.buf += piece;
    if (isToken) this.hasTokens = true;
  }

  private advance(end: number): void {
    for (let i = this.pos; i < end; i++) if (this.text.charCodeAt(i) === 10) this.line++;
    this.pos = end;
    this.expansions = this.expansions.filter((e) => e.end > this.pos);
  }

  /** psql's BEGIN ATOMIC heuristic: inside CREATE FUNCTION/PROCEDURE, BEGIN…END (and CASE…END within) nest. */
  private trackWord(word: string): void {
    const w = word.toLowerCase();
    if (this.wordCount < TRACKED_WORDS) this.words[this.wordCount] = ROUTINE_WORDS.has(w) ? w : '';
    this.wordCount++;
    const [a, b, c, d] = this.words;
    const routine = a === 'create'
      && (b === 'function' || b === 'procedure' || (b === 'or' && c === 'replace' && (d === 'function' || d === 'procedure')));
    if (!routine || this.parenDepth !== 0) return;
    if (w === 'begin') this.beginDepth++;
    else if (w === 'case' && this.beginDepth > 0) this.beginDepth++;
    else if (w === 'end' && this.beginDepth > 0) this.beginDepth--;
  }

  /** Handles `::`, `:var`, `:'var'`, `:"var"`, `:{?var}` at pos; false when the colon is plain text. */
  private interpolate(): boolean {
    const t = this.text;
    const p = this.pos;
    if (t[p + 1] === ':') {
      this.append('::', true);
      this.advance(p + 2);
      return true;
    }
    const quote = t[p + 1];
    if (quote === "'" || quote === '"') {
      VARIABLE.lastIndex = p + 2;
      if (!VARIABLE.test(t) || t[VARIABLE.lastIndex] !== quote) return false;
      const end = VARIABLE.lastIndex + 1;
      const value = this.vars.get(t.slice(p + 2, end - 1));
      if (value === undefined) return false;
      this.append(quote === "'" ? quoteLiteral(value) : quoteIdentifier(value), true);
      this.advance(end);
      return true;
    }
    if (quote === '{' && t[p + 2] === '?') {
      VARIABLE.lastIndex = p + 3;
      if (!VARIABLE.test(t) || t[VARIABLE.lastIndex] !== '}') return false;
      const end = VARIABLE.lastIndex + 1;
      this.append(this.vars.get(t.slice(p + 3, end - 1)) === undefined ? 'FALSE' : 'TRUE', true);
      this.advance(end);
      return true;
    }
    VARIABLE.lastIndex = p + 1;
    if (!VARIABLE.test(t)) return false;
    const end = VARIABLE.lastIndex;
    const name = t.slice(p + 1, end);
    const value = this.vars.get(name);
    if (value === undefined || this.expansions.some((e) => e.name === name)) return false;
    // A plain :var is lexed as if typed in place (psql pushes its value as new input).
    this.text = t.slice(0, p) + value + t.slice(end);
    this.shiftExpansions(p, value.length - (end - p));
    this.expansions.push({ name, end: p + value.length });
    return true;
  }

  private shiftExpansions(from: number, delta: number): void {
    for (const e of this.expansions) if (e.end >= from) e.end += delta;
  }

  /** A backslash command at pos: its name and the raw text of its arguments. */
  private readMeta(): ScanItem {
    const t = this.text;
    const line = this.line;
    let i = this.pos + 1;
    while (i < t.length && !/[\s\\]/.test(t[i]!)) i++;
    const name = t.slice(this.pos + 1, i);
    let end: number;
    let resume: number;
    if (WHOLE_LINE_COMMANDS.has(name)) {
      const nl = t.indexOf('\n', i);
      end = resume = nl < 0 ? t.length : nl;
    } else {
      [end, resume] = endOfMetaArgs(t, i);
    }
    const args = t.slice(i, end).trim();
    this.advance(resume);
    return { kind: 'meta', name, args, line };
  }
}

/**
 * Where a meta-command's arguments end (at the newline, at `\\`, or at the backslash of the
 * next command) and where reading resumes. Quoted arguments may contain backslashes.
 */
function endOfMetaArgs(t: string, from: number): [number, number] {
  let i = from;
  while (i < t.length) {
    const ch = t[i];
    if (ch === '\n') return [i, i];
    if (ch === '\\') return t[i + 1] === '\\' ? [i, i + 2] : [i, i];
    if (ch === "'" || ch === '"' || ch === '`') {
      i++;
      while (i < t.length && t[i] !== ch && t[i] !== '\n') i += ch === "'" && t[i] === '\\' ? 2 : 1;
    }
    i++;
  }
  return [t.length, t.length];
}
