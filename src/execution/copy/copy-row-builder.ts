/**
 * Turns COPY records (text fields, or binary COPY tuples) into table rows: checks the field count, parses each
 * field as its column's type (assignment typmod rules), fills defaults and NULLs for the
 * other columns, checks NOT NULL, and names the line in errors as PostgreSQL's CONTEXT does.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { applyTypmod } from '../../functions/typmod.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { StoredColumn, StoredTable } from '../../storage/storage-api.js';
import { decodeBinary } from '../../types/binary-codec.js';
import { parseText } from '../../types/text-codec.js';
import type { Row, Value } from '../../types/value.js';
import { checkNotNull } from '../commands/table-rows.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import type { BinaryCopyRecord } from './binary-copy-reader.js';
import type { CopyRecord } from './csv-reader.js';

const MAX_CONTEXT_CHARS = 80;

function context(table: string, line: number, detail?: string): string {
  return `COPY ${table}, line ${line}${detail ? `, ${detail}` : ''}`;
}

export class CopyRowBuilder {
  private readonly targetIndex: Map<number, number>;
  private readonly defaults: Map<number, CompiledExpr>;

  constructor(private readonly table: StoredTable, private readonly targets: readonly StoredColumn[],
    defaults: ReadonlyMap<number, BoundExpr>) {
    this.targetIndex = new Map(targets.map((c, i) => [c.id, i]));
    this.defaults = new Map([...defaults].map(([id, e]) => [id, compileExpr(e, new Map())]));
  }

  async build(record: CopyRecord, ctx: ExecContext): Promise<Row> {
    const { fields, line } = record;
    return this.assemble(fields, line, ctx, (raw, column) => this.parse(raw, column, line, ctx));
  }

  /** A binary COPY tuple: each field is the column type's binary form (send/recv functions). */
  async buildBinary(record: BinaryCopyRecord, ctx: ExecContext): Promise<Row> {
    const { fields, line } = record;
    if (fields.length !== this.targets.length) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `row field count is ${fields.length}, expected ${this.targets.length}`,
        { detail: context(this.table.name, line) });
    }
    return this.assemble(fields, line, ctx, (raw, column) => {
      try {
        return applyTypmod(decodeBinary(raw, { ...column.type, typmod: -1 }), column.type, false);
      } catch (err) {
        if (!(err instanceof SqlError)) throw err;
        throw err.with({ detail: context(this.table.name, line, `column ${column.name}`), column: column.name });
      }
    });
  }

  private async assemble<F>(fields: readonly (F | null)[], line: number, ctx: ExecContext,
    decode: (raw: F, column: StoredColumn) => Value): Promise<Row> {
    if (fields.length > this.targets.length) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, 'extra data after last expected column', { detail: context(this.table.name, line) });
    }
    if (fields.length < this.targets.length) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `missing data for column "${this.targets[fields.length]!.name}"`,
        { detail: context(this.table.name, line) });
    }
    const row: Row = [];
    for (const column of this.table.columns) {
      const index = this.targetIndex.get(column.id);
      if (index === undefined) {
        const compiled = this.defaults.get(column.id);
        row.push(compiled ? (await compiled([[]], ctx))[0]! : null);
        continue;
      }
      const raw = fields[index] ?? null;
      row.push(raw === null ? null : decode(raw, column));
    }
    try {
      checkNotNull(this.table, row, ctx);
    } catch (err) {
      throw err instanceof SqlError ? err.with({ detail: `${err.fields.detail ?? ''} ${context(this.table.name, line)}`.trim() }) : err;
    }
    return row;
  }

  private parse(raw: string, column: StoredColumn, line: number, ctx: ExecContext): Value {
    try {
      return applyTypmod(parseText(raw, { ...column.type, typmod: -1 }, ctx.textOptions), column.type, false);
    } catch (err) {
      if (!(err instanceof SqlError)) throw err;
      const shown = raw.length > MAX_CONTEXT_CHARS ? `${raw.slice(0, MAX_CONTEXT_CHARS)}...` : raw;
      throw err.with({ detail: context(this.table.name, line, `column ${column.name}: "${shown}"`), column: column.name });
    }
  }
}
