/**
 * Our own PL/pgSQL syntax tree (libpg-query's WASM build has no PL/pgSQL parser). Embedded SQL
 * — expressions, queries, statements — stays text, as PostgreSQL keeps it: the interpreter
 * (engine/plpgsql/) runs each through the SQL engine with the variables as parameters. `line`
 * is the 1-based line in the function body, for the CONTEXT of runtime errors.
 */

/** An embedded SQL fragment and where it starts in the body (0-based offset). */
export interface PlSql {
  readonly text: string;
  readonly offset: number;
}

export interface PlDeclaration {
  readonly name: string;
  /** The type as written (`int`, `t.col%TYPE`, `record`, `numeric(10,2)[]`). */
  readonly type: string;
  readonly constant: boolean;
  readonly notNull: boolean;
  readonly default?: PlSql;
  /** `name ALIAS FOR $n` / `ALIAS FOR name`. */
  readonly aliasOf?: string;
}

export interface PlHandler {
  /** Condition names (lower-cased) or `sqlstate:XXXXX`, OR-ed. */
  readonly conditions: readonly string[];
  readonly body: readonly PlStatement[];
}

export interface PlInto {
  readonly targets: readonly string[];
  readonly strict: boolean;
}

interface At { readonly line: number }

export type PlStatement =
  | PlBlock
  | At & { readonly kind: 'Assign'; readonly target: string; readonly expr: PlSql }
  | At & { readonly kind: 'If'; readonly branches: readonly { readonly cond: PlSql; readonly body: readonly PlStatement[] }[]; readonly otherwise?: readonly PlStatement[] }
  | At & { readonly kind: 'Case'; readonly operand?: PlSql; readonly whens: readonly { readonly expr: PlSql; readonly body: readonly PlStatement[] }[]; readonly otherwise?: readonly PlStatement[] }
  | At & { readonly kind: 'Loop'; readonly label?: string; readonly body: readonly PlStatement[] }
  | At & { readonly kind: 'While'; readonly label?: string; readonly cond: PlSql; readonly body: readonly PlStatement[] }
  | At & { readonly kind: 'ForRange'; readonly label?: string; readonly variable: string; readonly reverse: boolean; readonly from: PlSql; readonly to: PlSql; readonly by?: PlSql; readonly body: readonly PlStatement[] }
  | At & { readonly kind: 'ForQuery'; readonly label?: string; readonly targets: readonly string[]; readonly query: PlSql; readonly dynamic: boolean; readonly using: readonly PlSql[]; readonly body: readonly PlStatement[] }
  | At & { readonly kind: 'Foreach'; readonly label?: string; readonly target: string; readonly slice: number; readonly array: PlSql; readonly body: readonly PlStatement[] }
  | At & { readonly kind: 'Exit'; readonly continue: boolean; readonly label?: string; readonly when?: PlSql }
  | At & { readonly kind: 'Return'; readonly expr?: PlSql }
  | At & { readonly kind: 'ReturnNext'; readonly expr?: PlSql }
  | At & { readonly kind: 'ReturnQuery'; readonly query: PlSql; readonly dynamic: boolean; readonly using: readonly PlSql[] }
  | At & { readonly kind: 'Raise'; readonly level: PlRaiseLevel; readonly condition?: string; readonly message?: string; readonly params: readonly PlSql[]; readonly options: readonly { readonly name: string; readonly expr: PlSql }[] }
  | At & { readonly kind: 'Assert'; readonly cond: PlSql; readonly message?: PlSql }
  | At & { readonly kind: 'Perform'; readonly query: PlSql }
  | At & { readonly kind: 'Sql'; readonly sql: PlSql; readonly into?: PlInto; readonly verb: string }
  | At & { readonly kind: 'Execute'; readonly sql: PlSql; readonly into?: PlInto; readonly using: readonly PlSql[] }
  | At & { readonly kind: 'GetDiagnostics'; readonly stacked: boolean; readonly items: readonly { readonly target: string; readonly item: string }[] }
  | At & { readonly kind: 'Null' };

export interface PlBlock extends At {
  readonly kind: 'Block';
  readonly label?: string;
  readonly declarations: readonly PlDeclaration[];
  readonly body: readonly PlStatement[];
  readonly handlers?: readonly PlHandler[];
}

export type PlRaiseLevel = 'DEBUG' | 'LOG' | 'INFO' | 'NOTICE' | 'WARNING' | 'EXCEPTION';

/** A parsed function body or DO block. */
export interface PlFunction {
  readonly block: PlBlock;
  readonly source: string;
}
