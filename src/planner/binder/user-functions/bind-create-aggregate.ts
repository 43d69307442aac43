/**
 * CREATE [OR REPLACE] AGGREGATE, new style `name (types) (options)` and old style
 * `name (BASETYPE = t, SFUNC1 = …)`, into a function definition whose `aggregate` is its
 * pg_aggregate entry. The support functions are bound once for the declared types (a
 * polymorphic argument as int4) so a missing one is 42883 and a wrong transition result 42804
 * at CREATE, as in PostgreSQL. COMBINEFUNC, SERIALFUNC, PARALLEL and the moving-aggregate
 * functions are accepted and kept: this server neither runs aggregates in parallel nor uses
 * inverse transitions (a moving frame re-aggregates). Ordered-set and hypothetical-set
 * aggregates are 0A000.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { userFunctionsNamed } from '../../../catalog/user-functions.js';
import type { AggregateOption, CreateAggregate, TypeRef } from '../../../parser/ast.js';
import { arrayTypeOf, T, type SqlType } from '../../../types/sql-type.js';
import type { PolymorphicType, StoredAggregate, StoredFunctionParameter, StoredFunctionRef } from '../../../types/stored-table.js';
import type { FunctionDefinition, LogicalFunctionCommand } from '../../logical/logical-functions.js';
import type { BindContext } from '../bind-context.js';
import { bindAggregateSupport, stateTypeFor } from './aggregate-support.js';
import { resolveType } from './bind-function-ddl.js';

const ARRAY_POLY = new Set<PolymorphicType>(['anyarray', 'anycompatiblearray']);

/** Old-style spellings of the new options. */
const OLD_NAMES: Readonly<Record<string, string>> = { sfunc1: 'sfunc', stype1: 'stype', initcond1: 'initcond' };

function definitionError(message: string): SqlError {
  return new SqlError(SQLSTATE.InvalidFunctionDefinition, message);
}

function optionsByName(options: readonly AggregateOption[]): Map<string, AggregateOption> {
  const byName = new Map<string, AggregateOption>();
  for (const o of options) byName.set(OLD_NAMES[o.name] ?? o.name, o);
  return byName;
}

function functionRef(o: AggregateOption | undefined): StoredFunctionRef | undefined {
  if (!o) return undefined;
  if (!o.ref) throw definitionError(`aggregate ${o.name} must name a function`);
  return { name: o.ref.name, ...(o.ref.schema && o.ref.schema !== 'public' ? { schema: o.ref.schema } : {}) };
}

function typeOption(bind: BindContext, o: AggregateOption): { type: SqlType; poly?: PolymorphicType } {
  if (!o.ref) throw definitionError(`aggregate ${o.name} must name a type`);
  if (o.ref.type.name === 'internal') throw new SqlError(SQLSTATE.FeatureNotSupported, 'aggregates with state type internal are not supported');
  return resolveType(bind, o.ref.type);
}

function textOption(o: AggregateOption | undefined): string | undefined {
  return o ? o.text ?? o.ref?.name : undefined;
}

/** The aggregated argument types: the new style's list, or the old style's BASETYPE ('ANY': none, as `(*)`). */
function argumentRefs(statement: CreateAggregate, options: Map<string, AggregateOption>): readonly TypeRef[] {
  const basetype = options.get('basetype');
  if (statement.args) {
    if (basetype) throw definitionError('basetype is redundant with aggregate input type specification');
    return statement.args;
  }
  if (!basetype) throw definitionError('aggregate input type must be specified');
  const name = basetype.ref?.type.name ?? basetype.text ?? '';
  if (name.toLowerCase() === 'any') return [];
  return [basetype.ref?.type ?? { name: name.toLowerCase(), modifiers: [], arrayDims: 0 }];
}

/** A concrete stand-in for a polymorphic type, to bind the support functions once at CREATE. */
function standIn(poly: PolymorphicType | undefined, type: SqlType): SqlType {
  if (!poly) return type;
  return ARRAY_POLY.has(poly) ? arrayTypeOf(T.int4) : T.int4;
}

export function bindCreateAggregate(bind: BindContext, statement: CreateAggregate): LogicalFunctionCommand {
  const options = optionsByName(statement.options);
  if (statement.directArgs !== undefined || options.has('hypothetical')) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'ordered-set aggregates defined by CREATE AGGREGATE are not supported');
  }
  const stypeOption = options.get('stype');
  if (!stypeOption) throw definitionError('aggregate stype must be specified');
  const sfunc = functionRef(options.get('sfunc'));
  if (!sfunc) throw definitionError('aggregate sfunc must be specified');
  const params: StoredFunctionParameter[] = argumentRefs(statement, options).map((ref) => {
    const { type, poly } = resolveType(bind, ref);
    return { type, mode: 'i', ...(poly ? { poly } : {}) };
  });
  const stype = typeOption(bind, stypeOption);
  const mstype = options.get('mstype');
  const finalfunc = functionRef(options.get('finalfunc'));
  const refs = [sfunc, finalfunc, functionRef(options.get('combinefunc')), functionRef(options.get('msfunc')), functionRef(options.get('minvfunc'))];
  const objects = bind.plan.txn.listObjects();
  const aggregate: StoredAggregate = {
    sfunc, stype: stype.type, ...(stype.poly ? { stypePoly: stype.poly } : {}),
    ...(finalfunc ? { finalfunc } : {}), finalExtra: options.has('finalfunc_extra'),
    ...(options.has('initcond') ? { initcond: textOption(options.get('initcond'))! } : {}),
    ...(refs[2] ? { combinefunc: refs[2] } : {}), ...(refs[3] ? { msfunc: refs[3] } : {}), ...(refs[4] ? { minvfunc: refs[4] } : {}),
    ...(mstype ? { mstype: typeOption(bind, mstype).type } : {}),
    ...(options.has('minitcond') ? { minitcond: textOption(options.get('minitcond'))! } : {}),
    ...(options.has('sortop') ? { sortop: textOption(options.get('sortop'))! } : {}),
    supportIds: refs.flatMap((r) => (r ? userFunctionsNamed(objects, r.name).filter((f) => !f.aggregate).map((f) => f.id) : [])),
  };
  const argTypes = params.map((p) => standIn(p.poly, p.type));
  const stateType = stype.poly ? stateTypeFor(aggregate, params, argTypes) : stype.type;
  const { type } = bindAggregateSupport(bind, aggregate, argTypes, stateType);
  const polymorphicResult = !finalfunc && stype.poly !== undefined;
  const definition: FunctionDefinition = {
    name: statement.name, procedure: false, params, returns: type, ...(polymorphicResult ? { returnsPoly: stype.poly! } : {}),
    setof: false, language: 'internal', body: 'aggregate_dummy', atomic: false, volatility: 'i', strict: false,
    securityDefiner: false, cost: 1, rows: 0, aggregate,
  };
  return { kind: 'CreateFunction', replace: statement.replace, definition };
}
