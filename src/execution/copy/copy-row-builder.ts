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
import { textParser } from '../../types/text-codec.js';
import type { SqlType } from '../../types/sql-type.js';
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

/** How one table column is filled: from a record field (with its parse type) or a default. */
interface ColumnFill {
  readonly column: StoredColumn;
  /** The column's position in the table (and in the row). */
  readonly index: number;
  /** The field index, or -1 for a column COPY does not name (default or NULL). */
  readonly field: number;
  /** The column type without typmod: fields parse as the base type, then the typmod applies. */
  readonly parseType: SqlType;
  readonly hasTypmod: boolean;
}

export class CopyRowBuilder {
  private readonly targetIndex: Map<number, number>;
  private readonly defaults: Map<number, CompiledExpr>;
  private readonly fills: readonly ColumnFill[];
  /** Per fill, its type's text parser (textParser: the type dispatch done once, not per field). */
  private parsers: ((text: string) => Value)[] | undefined;
  /** True when some column is computed by a default expression (which must be awaited). */
  readonly hasDefaults: boolean;

  constructor(private readonly table: StoredTable, private readonly targets: readonly StoredColumn[],
    defaults: ReadonlyMap<number, BoundExpr>) {
    this.targetIndex = new Map(targets.map((c, i) => [c.id, i]));
    this.defaults = new Map([...defaults].map(([id, e]) => [id, compileExpr(e, new Map())]));
    this.fills = table.columns.map((column, index) => ({
      column, index, field: this.targetIndex.get(column.id) ?? -1,
      parseType: column.type.typmod === -1 ? column.type : { ...column.type, typmod: -1 }, hasTypmod: column.type.typmod >= 0,
    }));
    this.hasDefaults = this.fills.some((f) => f.field === -1 && this.defaults.has(f.column.id));
  }

  async build(record: CopyRecord, ctx: ExecContext): Promise<Row> {
    if (!this.hasDefaults) return this.buildSync(record, ctx);
    const { fields, line } = record;
    return this.assemble(fields, line, ctx, (raw, column) => this.parse(raw, column, line, ctx));
  }

  /**
   * `build` without a promise per row, for tables where no column takes a default (check
   * `hasDefaults`): text fields parse straight into the row.
   */
  buildSync(record: CopyRecord, ctx: ExecContext): Row {
    const { fields, line } = record;
    this.checkFieldCount(fields.length, line);
    const fills = this.fills;
    const row: Row = new Array<Value>(fills.length);
    for (let i = 0; i < fills.length; i++) {
      const fill = fills[i]!;
      const raw = fill.field === -1 ? null : fields[fill.field] ?? null;
      row[i] = raw === null ? null : this.parseField(raw, fill, line, ctx);
    }
    this.checkRow(row, line, ctx);
    return row;
  }

  /**
   * The value of table column `index` from its field's text, as `buildSync` parses it (typmod
   * applied; errors name the line and column). The CSV column loader's fallback for a field
   * not in its fast form.
   */
  parseColumn(raw: string, index: number, line: number, ctx: ExecContext): Value {
    return this.parseField(raw, this.fills[index]!, line, ctx);
  }

  /** A binary COPY tuple: each field is the column type's binary form (send/recv functions). */
  async buildBinary(record: BinaryCopyRecord, ctx: ExecContext): Promise<Row> {
    const { fields, line } = record;
    if (fields.length !== this.targets.length) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `row field count is ${fields.length}, expected ${this.targets.length}`,
        { where: context(this.table.name, line) });
    }
    return this.assemble(fields, line, ctx, (raw, column) => {
      try {
        return applyTypmod(decodeBinary(raw, { ...column.type, typmod: -1 }), column.type, false);
      } catch (err) {
        if (!(err instanceof SqlError)) throw err;
        throw err.with({ where: context(this.table.name, line, `column ${column.name}`), column: column.name });
      }
    });
  }

  private async assemble<F>(fields: readonly (F | null)[], line: number, ctx: ExecContext,
    decode: (raw: F, column: StoredColumn) => Value): Promise<Row> {
    this.checkFieldCount(fields.length, line);
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
    this.checkRow(row, line, ctx);
    return row;
  }

  private checkFieldCount(count: number, line: number): void {
    if (count > this.targets.length) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, 'extra data after last expected column', { where: context(this.table.name, line) });
    }
    if (count < this.targets.length) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `missing data for column "${this.targets[count]!.name}"`,
        { where: context(this.table.name, line) });
    }
  }

  private checkRow(row: Row, line: number, ctx: ExecContext): void {
    try {
      checkNotNull(this.table, row, ctx);
    } catch (err) {
      throw err instanceof SqlError ? err.with({ where: context(this.table.name, line) }) : err;
    }
  }

  /** The fill's field parser, made once per statement (the statement's text options do not change). */
  private parserOf(fill: ColumnFill, ctx: ExecContext): (text: string) => Value {
    this.parsers ??= this.fills.map((f) => textParser(f.parseType, ctx.textOptions));
    return this.parsers[fill.index]!;
  }

  private parse(raw: string, column: StoredColumn, line: number, ctx: ExecContext): Value {
    return this.parseField(raw, this.fills.find((f) => f.column === column)!, line, ctx);
  }

  private parseField(raw: string, fill: ColumnFill, line: number, ctx: ExecContext): Value {
    const column = fill.column;
    try {
      const value = this.parserOf(fill, ctx)(raw);
      return fill.hasTypmod ? applyTypmod(value, column.type, false) : value;
    } catch (err) {
      if (!(err instanceof SqlError)) throw err;
      const shown = raw.length > MAX_CONTEXT_CHARS ? `${raw.slice(0, MAX_CONTEXT_CHARS)}...` : raw;
      throw err.with({ where: context(this.table.name, line, `column ${column.name}: "${shown}"`), column: column.name });
    }
  }
}
