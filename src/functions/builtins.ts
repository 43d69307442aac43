/**
 * The registry of built-in functions, operators and aggregates, created once per process.
 * Extensions add to it at startup (as DuckDB extensions register into the catalog).
 */
import { countSumAvg } from './aggregate/count-sum-avg.js';
import { hypotheticalSetAggregates } from './aggregate/hypothetical-set-aggregates.js';
import { orderedSetAggregates } from './aggregate/ordered-set-aggregates.js';
import { otherAggregates } from './aggregate/other-aggregates.js';
import { regressionAggregates, regressionStateFunctions } from './aggregate/regression-aggregates.js';
import { varianceAggregates } from './aggregate/variance-aggregates.js';
import { FunctionRegistry } from './function-registry.js';
import { jsonAggregates, jsonScalarFunctions, jsonTableFunctions } from './json/index.js';
import { arithmeticOperators } from './operators/arithmetic-operators.js';
import { bitwiseOperators } from './operators/bitwise-operators.js';
import { datetimeOperators } from './operators/datetime-operators.js';
import { similarToFunctions } from './operators/similar-to.js';
import { likeOperators } from './operators/like-operators.js';
import { textOperators } from './operators/text-operators.js';
import { arrayFunctions } from './scalar/array-functions.js';
import { arrayDimensionFunctions } from './scalar/array-dimension-functions.js';
import { datetimeFunctions } from './scalar/datetime-functions.js';
import { enumFunctions } from './scalar/enum-functions.js';
import { dateBinFunctions } from './scalar/date-bin.js';
import { extractFunctions } from './scalar/extract-functions.js';
import { intervalFunctions } from './scalar/interval-functions.js';
import { makeDatetimeFunctions } from './scalar/make-datetime-functions.js';
import { formatFunctions } from './scalar/format-functions.js';
import { mathFunctions } from './scalar/math-functions.js';
import { numericScaleFunctions } from './scalar/numeric-scale-functions.js';
import { trigFunctions } from './scalar/trig-functions.js';
import { parseIdentFunctions } from './scalar/parse-ident.js';
import { regexFunctions, regexTableFunctions } from './scalar/regex-functions.js';
import { regexPositionFunctions } from './scalar/regex-position-functions.js';
import { byteaFunctions } from './scalar/bytea-functions.js';
import { textEditFunctions } from './scalar/text-edit-functions.js';
import { integerMathFunctions } from './scalar/integer-math-functions.js';
import { degreeTrigFunctions } from './scalar/degree-trig-functions.js';
import { timezoneFunctions } from './scalar/timezone-functions.js';
import { stringFunctions } from './scalar/string-functions.js';
import { sleepFunctions } from './scalar/sleep-functions.js';
import { systemFunctions } from './scalar/system-functions.js';
import { catalogTableFunctions, pgSnapshotTableFunctions, systemCatalogFunctions } from './system/index.js';
import { vectorFunctions } from './scalar/vector-functions.js';
import { imageUrlFunctions } from './scalar/image-url-functions.js';
import { tableFunctions } from './table/table-functions.js';
import { stringToTableFunctions } from './table/string-to-table.js';
import { arraySearchFunctions } from './scalar/array-search-functions.js';
import { operatorNamedFunctions } from './scalar/operator-named-functions.js';
import { windowFunctions } from './window/window-functions.js';

/** A registry holding every built-in. */
export function createBuiltinRegistry(): FunctionRegistry {
  const registry = new FunctionRegistry();
  for (const family of [arithmeticOperators, bitwiseOperators, datetimeOperators, textOperators, stringFunctions, mathFunctions,
    datetimeFunctions, dateBinFunctions, extractFunctions, intervalFunctions, makeDatetimeFunctions, arrayFunctions, arrayDimensionFunctions, regexFunctions,
    systemFunctions, vectorFunctions, formatFunctions, systemCatalogFunctions, jsonScalarFunctions, parseIdentFunctions, trigFunctions,
    similarToFunctions, sleepFunctions, timezoneFunctions, imageUrlFunctions,
    enumFunctions, numericScaleFunctions, regexPositionFunctions, byteaFunctions, textEditFunctions,
    integerMathFunctions, degreeTrigFunctions, arraySearchFunctions, regressionStateFunctions, likeOperators, operatorNamedFunctions]) {
    for (const fn of family) registry.addScalar(fn);
  }
  for (const fn of [...countSumAvg, ...otherAggregates, ...varianceAggregates, ...regressionAggregates, ...jsonAggregates]) {
    registry.addAggregate(fn);
  }
  for (const fn of [...orderedSetAggregates, ...hypotheticalSetAggregates]) registry.addOrderedSet(fn);
  for (const fn of [...tableFunctions, ...regexTableFunctions, ...catalogTableFunctions, ...jsonTableFunctions, ...stringToTableFunctions,
    ...pgSnapshotTableFunctions]) {
    registry.addTableFunction(fn);
  }
  for (const fn of windowFunctions) registry.addWindow(fn);
  return registry;
}

/** The process-wide registry used by the planner and executor. */
export const builtinRegistry: FunctionRegistry = createBuiltinRegistry();
