/**
 * PostgreSQL's COPY: `COPY t [(cols)] FROM STDIN …` → CopyFrom, `COPY t [(cols)] | (query) TO
 * STDOUT …` → CopyTo, with the option list in either spelling (the grammar turns the pre-9.0
 * `WITH DELIMITER AS … CSV HEADER` into the same options). Server-side files and PROGRAM are
 * 0A000 (ThanoSQL's `COPY t OPTIONS(…) FROM "file"` is parsed by hand, before the grammar).
 */
import type { CopyStmt, DefElem, Node } from 'libpg-query';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CopyFrom, CopyOptions, CopyTo } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { convertQuery, hasSelectInto } from './convert-select.js';
import { notSupported, syntaxError } from './not-supported.js';
import { listItems, stringOf, stringsOf } from './pg-node.js';
import { relationName } from './qualified-name.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Convert COPY. */
export function convertCopy(s: CopyStmt, ctx: ConvertContext): CopyFrom | CopyTo {
  if (s.query && hasSelectInto(s.query)) throw new SqlError(SQLSTATE.FeatureNotSupported, 'COPY (SELECT INTO) is not supported');
  if (s.is_program) throw notSupported('COPY … PROGRAM', ctx);
  if (s.filename !== undefined) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, s.is_from
      ? "COPY FROM a server file is not supported; use COPY t OPTIONS(...) FROM 'file' (ThanoSQL) or COPY ... FROM STDIN"
      : 'COPY TO a server file is not supported; use COPY ... TO STDOUT', { position: ctx.source.base + ctx.start + 1 });
  }
  const options = copyOptions(s.options ?? [], s.is_from ?? false, ctx);
  const columns = s.attlist ? stringsOf(s.attlist) : undefined;
  const table = s.relation ? relationName(s.relation, ctx) : '';
  if (s.is_from) {
    const where = s.whereClause ? convertExpr(s.whereClause, ctx) : undefined;
    return { kind: 'CopyFrom', table, options, ...(columns ? { columns } : {}), ...(where ? { where } : {}) };
  }
  const source: CopyTo['source'] = s.query
    ? { kind: 'query', query: convertQuery(s.query, ctx) }
    : { kind: 'table', table, ...(columns ? { columns } : {}) };
  return { kind: 'CopyTo', source, options };
}

function copyOptions(list: readonly Node[], isFrom: boolean, ctx: ConvertContext): CopyOptions {
  const o: Mutable<CopyOptions> = { format: 'text', header: false };
  const given = new Set<string>();
  for (const node of list) {
    if (!('DefElem' in node)) continue;
    const d = node.DefElem;
    // PostgreSQL refuses an option given twice, even with the same value.
    if (given.has(d.defname ?? '')) throw new SqlError(SQLSTATE.SyntaxError, 'conflicting or redundant options', position(d, ctx));
    given.add(d.defname ?? '');
    switch (d.defname) {
      case 'format': {
        const f = text(d, ctx).toLowerCase();
        if (f !== 'text' && f !== 'csv' && f !== 'binary') {
          throw new SqlError(SQLSTATE.InvalidParameterValue, `COPY format "${f}" not recognized`, position(d, ctx));
        }
        o.format = f;
        break;
      }
      case 'header': o.header = d.arg === undefined ? true : headerChoice(d, isFrom, ctx); break;
      case 'delimiter': o.delimiter = text(d, ctx); break;
      case 'null': o.null = text(d, ctx); break;
      case 'quote': o.quote = text(d, ctx); break;
      case 'escape': o.escape = text(d, ctx); break;
      case 'force_quote': o.forceQuote = d.arg && 'A_Star' in d.arg ? '*' : columnList(d, ctx); break;
      case 'force_not_null': o.forceNotNull = columnList(d, ctx); break;
      case 'force_null': o.forceNull = columnList(d, ctx); break;
      case 'encoding': case 'freeze': break;
      default: throw syntaxError(`option "${d.defname ?? ''}" not recognized`, ctx, d.location);
    }
  }
  checkModeOptions(o, isFrom);
  return o;
}

/** FORCE_QUOTE / FORCE_NOT_NULL / FORCE_NULL's column names (`*` only for FORCE_QUOTE). */
function columnList(d: DefElem, ctx: ConvertContext): string[] {
  if (!d.arg || !('List' in d.arg)) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `argument to option "${d.defname ?? ''}" must be a list of column names`, position(d, ctx));
  }
  return stringsOf(listItems(d.arg));
}

function position(d: DefElem, ctx: ConvertContext): { position?: number } {
  const p = ctx.source.position(d.location);
  return p === undefined ? {} : { position: p };
}

/** A string option's value (also a bare word or number). */
function text(d: DefElem, ctx: ConvertContext): string {
  const arg = d.arg;
  if (arg && 'String' in arg) return stringOf(arg);
  if (arg && 'Integer' in arg) return String(arg.Integer.ival ?? 0);
  throw syntaxError(`${d.defname ?? ''} requires a string value`, ctx, d.location);
}

/** HEADER's value as PostgreSQL 15 takes it: 0, 1, true, false, on, off, or `match` (COPY FROM only). */
function headerChoice(d: DefElem, isFrom: boolean, ctx: ConvertContext): boolean | 'match' {
  const arg = d.arg!;
  if ('Boolean' in arg) return arg.Boolean.boolval ?? false;
  if ('Integer' in arg) {
    const n = arg.Integer.ival ?? 0;
    if (n === 0 || n === 1) return n === 1;
  } else {
    const v = text(d, ctx).toLowerCase();
    if (v === 'true' || v === 'on') return true;
    if (v === 'false' || v === 'off') return false;
    if (v === 'match') {
      if (!isFrom) throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot use "match" with HEADER in COPY TO', position(d, ctx));
      return 'match';
    }
  }
  throw new SqlError(SQLSTATE.SyntaxError, `${d.defname ?? ''} requires a Boolean value or "match"`, position(d, ctx));
}

/**
 * PostgreSQL's checks (copy.c ProcessCopyOptions): binary COPY has no text-format options;
 * QUOTE, ESCAPE and the FORCE options are CSV's, FORCE_QUOTE is COPY TO's, the others COPY FROM's.
 */
function checkModeOptions(o: CopyOptions, isFrom: boolean): void {
  if (o.format === 'binary') {
    // PostgreSQL 15 reports DELIMITER and NULL as syntax errors but HEADER as not supported.
    if (o.delimiter !== undefined) throw new SqlError(SQLSTATE.SyntaxError, 'cannot specify DELIMITER in BINARY mode');
    if (o.null !== undefined) throw new SqlError(SQLSTATE.SyntaxError, 'cannot specify NULL in BINARY mode');
    if (o.header !== false) throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot specify HEADER in BINARY mode');
  }
  const csvOnly: [string, boolean, boolean][] = [
    ['quote', o.quote !== undefined, true], ['escape', o.escape !== undefined, true],
    ['force quote', o.forceQuote !== undefined, !isFrom], ['force not null', o.forceNotNull !== undefined, isFrom],
    ['force null', o.forceNull !== undefined, isFrom],
  ];
  for (const [name, given, directionOk] of csvOnly) {
    if (!given) continue;
    if (o.format !== 'csv') throw new SqlError(SQLSTATE.FeatureNotSupported, `COPY ${name} available only in CSV mode`);
    if (!directionOk) throw new SqlError(SQLSTATE.FeatureNotSupported, `COPY ${name} only available using COPY ${isFrom ? 'TO' : 'FROM'}`);
  }
}
