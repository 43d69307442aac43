/**
 * Array literals in PostgreSQL's text form: `{1,2,NULL}`, `{"a b","x\"y"}`, `{{1,2},{3,4}}`,
 * `[0:1]={7,8}`. Elements are quoted when empty, equal to NULL, or containing braces, quotes,
 * backslashes, commas or whitespace; inside quotes `"` and `\` are backslash-escaped. Output
 * prefixes the dimension decoration only when some lower bound is not 1, as array_out does.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { isPlainShape, MAX_ARRAY_DIMS, tooManyDims, type ArrayShape } from './array-shape.js';

const NEEDS_QUOTES = /[{}",\\\s]/;
const SPACE = /\s/;

function quoteElement(e: string | null): string {
  if (e === null) return 'NULL';
  if (e === '' || e.toUpperCase() === 'NULL' || NEEDS_QUOTES.test(e)) {
    return `"${e.replace(/[\\"]/g, (c) => '\\' + c)}"`;
  }
  return e;
}

/** Formats already-formatted element texts (null = NULL) as an array literal of `shape`. */
export function formatArrayText(elements: readonly (string | null)[], shape?: ArrayShape): string {
  const parts = elements.map(quoteElement);
  if (!shape || shape.dims.length <= 1) {
    const body = `{${parts.join(',')}}`;
    return !shape || isPlainShape(shape) ? body : `[${shape.lbounds[0]}:${shape.lbounds[0]! + shape.dims[0]! - 1}]=${body}`;
  }
  // Innermost dimension first: group the flat list into braces, one dimension at a time.
  let groups = parts;
  for (let d = shape.dims.length - 1; d >= 0; d--) {
    const width = shape.dims[d]!;
    const next: string[] = [];
    for (let i = 0; i < groups.length; i += width) next.push(`{${groups.slice(i, i + width).join(',')}}`);
    groups = next;
  }
  const body = groups[0] ?? '{}';
  if (shape.lbounds.every((lb) => lb === 1)) return body;
  return shape.dims.map((d, i) => `[${shape.lbounds[i]}:${shape.lbounds[i]! + d - 1}]`).join('') + '=' + body;
}

/** A parsed literal: element texts (null for an unquoted NULL) in row-major order and their shape. */
export interface ParsedArrayText {
  readonly elements: (string | null)[];
  readonly shape: ArrayShape;
}

/** Parses an array literal; errors are PostgreSQL's 22P02 / 2202E / 54000 with its DETAILs. */
export function parseArrayText(text: string): ParsedArrayText {
  const bad = (detail: string) => new SqlError(SQLSTATE.InvalidTextRepresentation,
    `malformed array literal: "${text}"`, { detail });
  let i = 0;
  const skipSpace = () => { while (i < text.length && SPACE.test(text[i]!)) i++; };
  skipSpace();
  const declared = text[i] === '[' ? readDecoration() : undefined;
  if (text[i] !== '{') throw bad('Array value must start with "{" or dimension information.');

  const dims: number[] = [];
  const counts: number[] = [];
  const elements: (string | null)[] = [];
  let ndim = 0;
  readLevel(0);
  skipSpace();
  if (i < text.length) throw bad('Junk after closing right brace.');
  const shape: ArrayShape = { dims, lbounds: dims.map(() => 1) };
  if (declared) {
    const fits = declared.dims.length === dims.length && declared.dims.every((d, k) => d === dims[k]);
    const emptyFits = elements.length === 0 && dims.length === 0;
    if (!fits && !emptyFits) throw bad('Specified array dimensions do not match array contents.');
    return { elements, shape: emptyFits ? { dims: [], lbounds: [] } : declared };
  }
  return { elements, shape };

  /** `[lb:ub]…=` (or `[ub]`): the declared shape; leaves i after the `=`. */
  function readDecoration(): ArrayShape {
    const ds: number[] = [];
    const lbs: number[] = [];
    while (text[i] === '[') {
      i++;
      skipSpace();
      let lower = 1;
      let upper = readInt();
      if (upper === undefined) throw bad('"[" must introduce explicitly-specified array dimensions.');
      skipSpace();
      if (text[i] === ':') {
        i++;
        skipSpace();
        lower = upper;
        upper = readInt();
        if (upper === undefined) throw bad('Missing array dimension value.');
        skipSpace();
      }
      if (text[i] !== ']') throw bad('Missing "]" after array dimensions.');
      i++;
      if (ds.length === MAX_ARRAY_DIMS) throw tooManyDims(ds.length + 1);
      if (upper < lower) throw new SqlError(SQLSTATE.ArraySubscriptError, 'upper bound cannot be less than lower bound');
      ds.push(upper - lower + 1);
      lbs.push(lower);
      skipSpace();
    }
    if (text[i] !== '=') throw bad('Missing "=" after array dimensions.');
    i++;
    skipSpace();
    return { dims: ds, lbounds: lbs };
  }

  function readInt(): number | undefined {
    const m = /^[+-]?\d+/.exec(text.slice(i, i + 16));
    if (!m) return undefined;
    i += m[0].length;
    const n = Number(m[0]);
    if (n > 2147483647 || n < -2147483648) throw bad('Missing array dimension value.');
    return n;
  }

  /** One `{…}` at nesting `depth` (i at its `{`). */
  function readLevel(depth: number): void {
    if (depth >= MAX_ARRAY_DIMS) throw tooManyDims(depth + 1);
    i++;
    skipSpace();
    if (text[i] === '}') {
      // `{}` is the empty array only at the top: PostgreSQL refuses `{{},{}}`.
      if (depth > 0) throw bad('Unexpected "}" character.');
      i++;
      return;
    }
    let count = 0;
    let nested: boolean | undefined;
    for (;;) {
      skipSpace();
      if (text[i] === '{') {
        if (nested === false || (ndim > 0 && depth + 1 >= ndim)) throw bad('Unexpected "{" character.');
        nested = true;
        readLevel(depth + 1);
      } else {
        if (nested === true || (ndim > 0 && depth + 1 < ndim)) throw bad('Unexpected array element.');
        nested = false;
        // The first element reached fixes the number of dimensions.
        if (ndim === 0) ndim = depth + 1;
        elements.push(readElement());
      }
      count++;
      skipSpace();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; break; }
      if (i >= text.length) throw bad('Unexpected end of input.');
      throw bad(`Unexpected "${text[i]}" character.`);
    }
    if (counts[depth] === undefined) counts[depth] = count;
    else if (counts[depth] !== count) throw bad('Multidimensional arrays must have sub-arrays with matching dimensions.');
    dims[depth] = count;
  }

  function readElement(): string | null {
    if (text[i] === '"') {
      i++;
      let elem = '';
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        if (i >= text.length) throw bad('Unexpected end of input.');
        elem += text[i++];
      }
      if (text[i] !== '"') throw bad('Unexpected end of input.');
      i++;
      skipSpace();
      if (i < text.length && text[i] !== ',' && text[i] !== '}') throw bad('Unexpected array element.');
      return elem;
    }
    let elem = '';
    let escaped = false;
    while (i < text.length && text[i] !== ',' && text[i] !== '}') {
      const c = text[i]!;
      if (c === '"' || c === '{') throw bad(`Unexpected "${c}" character.`);
      if (c === '\\') {
        i++;
        if (i >= text.length) throw bad('Unexpected end of input.');
        escaped = true;
        elem += text[i++];
        continue;
      }
      elem += c;
      i++;
    }
    if (i >= text.length) throw bad('Unexpected end of input.');
    const trimmed = elem.trimEnd();
    if (trimmed === '') throw bad(`Unexpected "${text[i]}" character.`);
    return !escaped && trimmed.toUpperCase() === 'NULL' ? null : trimmed;
  }
}
