/**
 * CREATE OPERATOR and DROP OPERATOR. The operator's function is bound once over placeholder
 * operands of its argument types, so a missing one is 42883 at CREATE (as PostgreSQL's
 * lookup of FUNCTION = f(leftarg, rightarg)) and the result type is known. RESTRICT, JOIN,
 * HASHES and MERGES are planner hints PostgreSQL keeps; they are accepted and not used.
 * Operator classes and families stay 0A000.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { AggregateOption, CreateOperator, DropOperator } from '../../../parser/ast.js';
import type { SqlType } from '../../../types/sql-type.js';
import type { LogicalFunctionCommand } from '../../logical/logical-functions.js';
import type { BindContext } from '../bind-context.js';
import { bindSupportCall, placeholder } from './aggregate-support.js';
import { resolveType } from './bind-function-ddl.js';

function definitionError(message: string, detail?: string): SqlError {
  return new SqlError(SQLSTATE.InvalidFunctionDefinition, message, detail ? { detail } : {});
}

function argumentType(bind: BindContext, o: AggregateOption | undefined): SqlType | undefined {
  if (!o) return undefined;
  if (!o.ref) throw definitionError(`operator ${o.name} must name a type`);
  const { type, poly } = resolveType(bind, o.ref.type);
  if (poly) throw new SqlError(SQLSTATE.FeatureNotSupported, 'operators over polymorphic types are not supported');
  return type;
}

export function bindCreateOperator(bind: BindContext, statement: CreateOperator): LogicalFunctionCommand {
  const options = new Map(statement.options.map((o) => [o.name, o]));
  const fn = options.get('function') ?? options.get('procedure');
  if (!fn?.ref) throw definitionError('operator function must be specified');
  const left = argumentType(bind, options.get('leftarg'));
  const right = argumentType(bind, options.get('rightarg'));
  if (!left && !right) throw definitionError('operator argument types must be specified');
  if (!right) throw definitionError('operator right argument type must be specified', 'Postfix operators are not supported.');
  const procedure = { name: fn.ref.name, ...(fn.ref.schema && fn.ref.schema !== 'public' ? { schema: fn.ref.schema } : {}) };
  const operands = [...(left ? [placeholder(bind, '*left*', left)] : []), placeholder(bind, '*right*', right)];
  const { expr } = bindSupportCall(bind, procedure, operands);
  const text = (name: string) => {
    const o = options.get(name);
    return o ? o.text ?? o.ref?.name : undefined;
  };
  const commutator = text('commutator');
  const negator = text('negator');
  return {
    kind: 'CreateOperator',
    definition: {
      name: statement.name, ...(left ? { left } : {}), right, procedure, returns: expr.type,
      ...(commutator ? { commutator } : {}), ...(negator ? { negator } : {}),
    },
  };
}

export function bindDropOperator(bind: BindContext, statement: DropOperator): LogicalFunctionCommand {
  return {
    kind: 'DropOperator', ifExists: statement.ifExists,
    targets: statement.operators.map((o) => ({
      name: o.name, ...(o.left ? { left: resolveType(bind, o.left).type } : {}), right: resolveType(bind, o.right).type,
    })),
  };
}
