/**
 * PL/pgSQL variables: one scope per block (its DECLAREs), chained to the enclosing ones; a
 * block's label qualifies its names (`outer.x`), a function's name its parameters (`f.a`).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';

export interface PlVariable {
  readonly name: string;
  type: SqlType;
  value: Value;
  readonly constant: boolean;
  readonly notNull: boolean;
  /** Declared `record`: takes the row type of whatever is assigned to it. */
  readonly anyRecord: boolean;
}

export class PlScope {
  private readonly vars = new Map<string, PlVariable>();

  constructor(readonly parent: PlScope | undefined, readonly label: string | undefined) {}

  declare(variable: PlVariable): void {
    this.vars.set(variable.name, variable);
  }

  /** Makes `name` another name for `variable` (ALIAS FOR, `$1`). */
  alias(name: string, variable: PlVariable): void {
    this.vars.set(name, variable);
  }

  /** The innermost variable called `name`. */
  lookup(name: string): PlVariable | undefined {
    for (let s: PlScope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** `label.name`: the variable of the block labelled `label`. */
  qualified(label: string, name: string): PlVariable | undefined {
    for (let s: PlScope | undefined = this; s; s = s.parent) if (s.label === label) return s.vars.get(name);
    return undefined;
  }

  hasLabel(label: string): boolean {
    for (let s: PlScope | undefined = this; s; s = s.parent) if (s.label === label) return true;
    return false;
  }

  /** The variable assignment targets name; 42703-like errors as PL/pgSQL words them. */
  target(name: string): PlVariable {
    const dot = name.indexOf('.');
    const v = dot > 0 ? this.qualified(name.slice(0, dot), name.slice(dot + 1)) : this.lookup(name);
    if (!v) throw new SqlError(SQLSTATE.SyntaxError, `"${name}" is not a known variable`);
    if (v.constant) throw new SqlError(SQLSTATE.SyntaxError, `variable "${v.name}" is declared CONSTANT`);
    return v;
  }
}
