/**
 * CREATE TABLE … (LIKE source [INCLUDING … | EXCLUDING …]): the source's columns (names, types,
 * NOT NULL) and, as asked, their defaults, identity, CHECK constraints, keys and indexes,
 * comments, storage and statistics targets — copied now, as PostgreSQL copies them at CREATE
 * (later changes to the source do not follow). Copied keys and indexes get names generated for
 * the new table; CHECK constraints keep theirs.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import type { TableLike } from '../../parser/ast.js';
import type { StoredTable } from '../../types/stored-table.js';
import type { ColumnSequence, CreateTableConstraint, LikeIndex } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';

/** A copied column: what CREATE TABLE makes of it, and what it carries besides. */
export interface LikeColumn {
  readonly column: NewColumn & { readonly comment?: string; readonly storage?: string; readonly statistics?: number };
  readonly sequence?: ColumnSequence;
}

export interface LikeExpansion {
  readonly columns: readonly LikeColumn[];
  readonly constraints: readonly CreateTableConstraint[];
  readonly indexes: readonly LikeIndex[];
}

/** The columns and objects `like` copies from its source. */
export function expandLike(bind: BindContext, like: TableLike): LikeExpansion {
  const source = bind.lookupTable(like.table);
  const position = bind.positionOf(like.table.split('.').pop()!);
  if (!source) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${like.table}" does not exist`, { position });
  if (source.sequence) {
    throw new SqlError(SQLSTATE.WrongObjectType, `relation "${source.name}" is invalid in LIKE clause`,
      { detail: 'This operation is not supported for sequences.', position });
  }
  const has = (option: TableLike['including'][number]) => like.including.includes(option);
  const nameOf = (id: number) => source.columns.find((c) => c.id === id)!.name;
  const columns = source.columns.map((c): LikeColumn => {
    const sequence = has('identity') && c.identity ? identitySequence(bind, source, c.id, c.name, c.identity, c.type.id) : undefined;
    return {
      column: {
        name: c.name, type: c.type, notNull: c.notNull,
        ...(has('defaults') && c.defaultSql !== undefined && !c.identity ? { defaultSql: c.defaultSql } : {}),
        ...(has('comments') && c.comment !== undefined ? { comment: c.comment } : {}),
        ...(has('storage') && c.storage !== undefined ? { storage: c.storage } : {}),
        ...(has('statistics') && c.statistics !== undefined ? { statistics: c.statistics } : {}),
      },
      ...(sequence ? { sequence } : {}),
    };
  });
  const constraints: CreateTableConstraint[] = [];
  if (has('constraints')) {
    for (const c of source.constraints ?? []) {
      if (c.type !== 'c') continue;
      constraints.push({ kind: 'Check', name: c.name, columns: c.columnIds.map(nameOf), checkSql: c.checkSql ?? 'true' });
    }
  }
  const indexes: LikeIndex[] = [];
  if (has('indexes')) {
    for (const index of source.indexes ?? []) {
      const owner = source.constraints?.find((c) => c.indexOid === index.oid);
      const keyColumns = index.columnIds.map(nameOf);
      if (owner) constraints.push({ kind: owner.type === 'p' ? 'PrimaryKey' : 'Unique', columns: keyColumns });
      else indexes.push({ columns: keyColumns, unique: index.unique, ...(has('comments') && index.comment ? { comment: index.comment } : {}) });
    }
  }
  return { columns, constraints, indexes };
}

/** INCLUDING IDENTITY: a new sequence like the source column's (its settings, not its counter). */
function identitySequence(bind: BindContext, source: StoredTable, columnId: number, name: string, identity: 'a' | 'd', type: string): ColumnSequence {
  const owned = bind.plan.txn.listTables().find((t) => t.sequence?.ownedBy?.tableId === source.id && t.sequence.ownedBy.columnId === columnId);
  const s = owned?.sequence;
  return {
    column: name, identity,
    settings: s
      ? { type: s.type, increment: BigInt(s.increment), min: BigInt(s.min), max: BigInt(s.max), start: BigInt(s.start), cache: BigInt(s.cache), cycle: s.cycle }
      : { type },
  };
}
