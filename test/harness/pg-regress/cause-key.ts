/**
 * Groups disagreements into causes, so the list of causes can drive compatibility work: our
 * error message with its literals normalised (`column "…" does not exist`), keeping what names
 * the missing feature (a keyword in a syntax error, a function's name, an operator and its
 * types). A statement that failed only because an earlier CREATE failed only on our side is a
 * knock-on: it is charged to that CREATE's cause.
 *
 * @example
 *   normalizeMessage('syntax error at or near "PARTITION"') // 'syntax error at or near "PARTITION"'
 *   normalizeMessage('column "q1" does not exist')          // 'column "…" does not exist'
 */
import type { Comparison } from './compare-outcomes.js';
import type { RunOutcome } from './regress-session.js';
import { sqlTokens } from './sql-lexeme.js';
import { typeName } from './type-names.js';

/** SQL keywords worth keeping in a syntax error's "at or near" (they name the unsupported form). */
const KEYWORDS = new Set(`
  all alter analyse analyze and any array as asc asymmetric atomic attach authorization begin between bigint binary bit
  boolean both by cache call called cascade case cast char character check checkpoint close cluster coalesce collate
  collation column comment commit concurrently configuration conflict constraint constraints content copy cost create
  cross cube current cursor cycle data database deallocate dec decimal declare default deferrable deferred delete
  depends desc detach dictionary disable discard distinct do document domain double drop each else enable encoding
  end enum escape except exclude excluding exclusive execute exists explain expression extension external extract
  false family fetch filter first float following for force foreign format freeze from full function functions
  generated global grant granted greatest group grouping groups handler having header hold identity if ilike immediate
  immutable in include including increment index indexes inherit inherits initially inline inner inout insert instead
  int integer intersect interval into invoker is isnull isolation join json key language large last lateral leading
  least left level like limit listen load local localtime localtimestamp location lock locked logged mapping match
  materialized maxvalue merge method minvalue mode move name names national natural nchar new next nfc no none normalize
  not nothing notify notnull nowait null nullif nulls numeric object of off offset oids old on only operator option
  options or order ordinality others out outer over overlaps overlay overriding owned owner parallel parser partial
  partition passing password placing plans policy position preceding precision prepare prepared preserve primary prior
  privileges procedural procedure procedures program publication quote range read real reassign recheck recursive ref
  references referencing refresh reindex relative release rename repeatable replace replica reset restart restrict
  return returning returns revoke right role rollback rollup routine row rows rule savepoint schema schemas scroll search
  security select sequence sequences serializable server session session_user set setof sets share show similar simple
  skip smallint snapshot some sql stable standalone start statement statistics stdin stdout storage stored strict strip
  subscription substring support symmetric sysid system table tables tablesample tablespace temp template temporary
  text then ties time timestamp to trailing transaction transform treat trigger trim true truncate trusted type types
  uescape unbounded uncommitted union unique unknown unlisten unlogged until update user using vacuum valid validate
  validator value values varchar variadic varying verbose version view views volatile when where whitespace window with
  within without work wrapper write xml year zone second minute hour day month
`.trim().split(/\s+/));

const OPERATOR_TOKEN = /^[^\w\s'"$]+$/;
const PUNCTUATION = new Set(['(', ')', ',', '.', ';']);

/** The statement's first word and the keywords right after it (`CREATE TABLE`, `DECLARE`), for grouping. */
export function leadingKeywords(sql: string, most = 3): string {
  const words: string[] = [];
  for (const t of sqlTokens(sql)) {
    if (t.kind !== 'word' || words.length >= most || (words.length > 0 && !KEYWORDS.has(t.text.toLowerCase()))) break;
    words.push(t.text.toUpperCase());
  }
  return words.join(' ');
}

/** Literals out, feature names kept. */
export function normalizeMessage(message: string, sql = ''): string {
  const firstLine = message.split('\n')[0]!;
  const syntax = /^syntax error at or near "(.*)"$/.exec(firstLine);
  if (syntax) {
    const token = syntax[1]!;
    if (KEYWORDS.has(token.toLowerCase())) return `syntax error at or near "${token.toUpperCase()}"`;
    // Operators (`@?`, `[`, `:`) name the construct too; bare punctuation only with the statement's form.
    if (PUNCTUATION.has(token)) return `syntax error at or near "${token}" in ${leadingKeywords(sql) || 'a statement'}`;
    if (OPERATOR_TOKEN.test(token)) return `syntax error at or near "${token}"`;
    // A name or literal says little; the statement's first words say which form is missing.
    return `syntax error at or near "…" in ${leadingKeywords(sql) || 'a statement'}`;
  }
  const fn = /^(function|procedure) ([^(]+)\(.*\) does not exist$/.exec(firstLine);
  if (fn) return `${fn[1]} ${fn[2]}(…) does not exist`;
  if (/^operator does not exist: /.test(firstLine)) return firstLine;
  const type = /^type "([^"]+)" does not exist$/.exec(firstLine);
  if (type) return firstLine;
  return firstLine
    .replace(/"(?:[^"]|"")*"/g, '"…"')
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, 'N');
}

/** The object a CREATE statement makes (last name part, as stored), if any. */
export function createdObject(sql: string): string | undefined {
  const tokens = sqlTokens(sql).filter((t) => t.depth === 0);
  const words = tokens.map((t) => (t.kind === 'word' ? t.text.toLowerCase() : t.text));
  if (words[0] !== 'create') return undefined;
  let i = 1;
  const skip = new Set(['or', 'replace', 'global', 'local', 'temp', 'temporary', 'unlogged', 'materialized', 'recursive', 'trusted', 'procedural']);
  while (i < words.length && skip.has(words[i]!)) i++;
  if (!['table', 'view', 'sequence', 'type', 'domain', 'function', 'procedure', 'schema', 'aggregate'].includes(words[i] ?? '')) return undefined;
  i++;
  if (words[i] === 'if' && words[i + 1] === 'not' && words[i + 2] === 'exists') i += 3;
  let name = tokens[i];
  while (tokens[i + 1]?.text === '.' && tokens[i + 2]) {
    i += 2;
    name = tokens[i];
  }
  if (!name) return undefined;
  return name.kind === 'ident' ? name.text.slice(1, -1).replace(/""/g, '"') : name.text.toLowerCase();
}

const MISSING_OBJECT = /^(?:relation|table|view|type|schema|sequence|function|procedure) "?([^"(]+)"?(?:\(.*\))? does not exist/;

/** SQLSTATE of "current transaction is aborted, commands ignored until end of transaction block". */
const IN_FAILED_TRANSACTION = '25P02';

/**
 * Remembers statements that failed only on our side, to charge what follows from them to
 * their cause: "does not exist" errors for what a failed CREATE would have made, and 25P02
 * for the rest of a transaction that only our failure aborted.
 */
export class KnockOnTracker {
  private readonly failedCreates = new Map<string, string>();
  private lastOursOnlyFailure: string | undefined;

  /** Called for every statement we failed and PostgreSQL did not (knock-ons excluded). */
  noteOursFailed(sql: string, cause: string): void {
    this.lastOursOnlyFailure = cause;
    const name = createdObject(sql);
    if (name !== undefined && !this.failedCreates.has(name)) this.failedCreates.set(name, cause);
  }

  /** Called for every statement PostgreSQL ran: a successful CREATE on our side clears the name. */
  noteCreated(sql: string): void {
    const name = createdObject(sql);
    if (name !== undefined) this.failedCreates.delete(name);
  }

  /** The earlier failure's cause when our error follows from it. */
  rootCause(ours: RunOutcome): string | undefined {
    if (ours.kind !== 'error') return undefined;
    if (ours.code === IN_FAILED_TRANSACTION) return this.lastOursOnlyFailure;
    const m = MISSING_OBJECT.exec(ours.message);
    if (!m) return undefined;
    const qualified = m[1]!.trim();
    return this.failedCreates.get(qualified.slice(qualified.lastIndexOf('.') + 1));
  }
}

/** Two differing command tags, in words: only the count (`SELECT 3` vs `SELECT 0`), or the command. */
function tagDifference(pg: RunOutcome, ours: RunOutcome): string {
  if (pg.kind !== 'ok' || ours.kind !== 'ok') return 'different command tag';
  const at = pg.results.findIndex((r, i) => r.tag !== ours.results[i]?.tag);
  const shape = (tag: string | undefined) => (tag ?? '').replace(/\d+/g, 'N');
  const [a, b] = [shape(pg.results[at]?.tag), shape(ours.results[at]?.tag)];
  return a === b ? 'different count in command tag' : `different command tag (${a}; ours ${b})`;
}

/**
 * ` from to_char()` when the differing column is named after a function the statement calls
 * (PostgreSQL names such columns after the function), or ` from interval '…'` for a typed
 * literal; nothing for plain table columns, whose names say little about the cause.
 */
function producer(column: string, sql: string): string {
  const name = column.toLowerCase();
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) return '';
  const tokens = sqlTokens(sql);
  const at = tokens.findIndex((t, i) => t.kind === 'word' && t.text.toLowerCase() === name && (tokens[i + 1]?.text === '(' || tokens[i + 1]?.kind === 'string'));
  if (at < 0) return '';
  return tokens[at + 1]!.text === '(' ? ` from ${name}()` : ` from ${name} '…'`;
}

/** What differs between two successful outcomes, in words. */
function rowsDifference(cmp: Comparison, sql: string): string {
  switch (cmp.difference) {
    case 'values': {
      const { name, postgres, thanosql } = cmp.valueColumn!;
      const ours = postgres === thanosql ? '' : ` (ours: ${typeName(thanosql)})`;
      return `different values of type ${typeName(postgres)}${ours}${producer(name, sql)}`;
    }
    case 'row-count': return 'different number of rows';
    case 'columns': return 'different number of columns';
    case 'results': return 'different number of results';
    case 'order': return 'same rows in a different order';
    case 'tag': return 'different command tag';
    default: return 'different COPY output';
  }
}

/** The cause of a disagreement (not counting knock-ons, which the caller resolves first). */
export function causeOf(sql: string, cmp: Comparison, pg: RunOutcome, ours: RunOutcome): string {
  switch (cmp.verdict) {
    case 'ours-error':
    case 'error-code':
      return ours.kind === 'error' ? `${ours.code} ${normalizeMessage(ours.message, sql)}` : 'unknown';
    case 'pg-error':
      return pg.kind === 'error' ? `accepted what PostgreSQL rejects: ${pg.code} ${normalizeMessage(pg.message, sql)}` : 'unknown';
    case 'hang':
      return `hang${ours.kind === 'hang' && !ours.cancelled ? ', cancel ignored' : ''}: ${leadingKeywords(sql)}`;
    case 'crash':
      return ours.kind === 'crash' ? `crash: ${normalizeMessage(ours.message)}` : 'crash';
    case 'rows': {
      const kind = leadingKeywords(sql, 1);
      if (kind === 'EXPLAIN') return 'different EXPLAIN output';
      if (cmp.difference === 'tag') return `${tagDifference(pg, ours)}: ${leadingKeywords(sql)}`;
      return `${rowsDifference(cmp, sql)}: ${kind}`;
    }
    default:
      return cmp.verdict;
  }
}
