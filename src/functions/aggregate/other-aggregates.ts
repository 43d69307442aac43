/**
 * min/max over any ordered type, bool_and/bool_or/every, array_agg (keeps NULL elements),
 * string_agg of text or bytea (skips NULL values). The stddev/variance family is in variance-aggregates.ts.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { makeArray } from '../array-values.js';
import { compareValues } from '../compare.js';
import type { Accumulator, AggregateFunction } from '../function-types.js';
import { aggregate, argType, arrayOf } from '../overload-builders.js';
import { checkArraySize, checkTextGrowth } from '../value-limits.js';
import { NestedArrayBuilder } from '../scalar/array-construct.js';

function extreme(sign: 1 | -1): () => Accumulator {
  return () => {
    let best: Value = null;
    return {
      add: ([v]) => { if (best === null || sign * compareValues(v!, best) > 0) best = v!; },
      result: () => best,
    };
  };
}

function boolAgg(isAnd: boolean): () => Accumulator {
  return () => {
    let state: boolean | null = null;
    return {
      add: ([v]) => { state = state === null ? (v as boolean) : isAnd ? state && (v as boolean) : state || (v as boolean); },
      result: () => state,
    };
  };
}

function arrayAgg(types: readonly SqlType[]): Accumulator {
  // array_agg of arrays stacks them into one more dimension.
  if (types[0]!.array) {
    const nested = new NestedArrayBuilder();
    return { add: ([v]) => nested.add(v!), result: () => nested.result() };
  }
  const items: Value[] = [];
  return {
    add: ([v]) => {
      checkArraySize(items.length + 1);
      items.push(v!);
    },
    result: () => (items.length === 0 ? null : makeArray([...items], types[0]!)),
  };
}

function stringAgg(): Accumulator {
  let out: string | null = null;
  return {
    add: ([v, sep]) => {
      if (v === null) return;
      if (out === null) {
        out = v as string;
        return;
      }
      const piece = ((sep as string | null) ?? '') + (v as string);
      checkTextGrowth(out.length, piece.length);
      out += piece;
    },
    result: () => out,
  };
}

/** string_agg(bytea, bytea): the values joined by the delimiters (a NULL delimiter adds nothing). */
function byteaStringAgg(): Accumulator {
  const pieces: Uint8Array[] = [];
  let length = 0;
  const push = (piece: Uint8Array) => {
    checkTextGrowth(length, piece.length);
    pieces.push(piece);
    length += piece.length;
  };
  return {
    add: ([v, sep]) => {
      if (v === null) return;
      if (pieces.length > 0 && sep !== null) push(sep as Uint8Array);
      push(v as Uint8Array);
    },
    result: () => {
      if (pieces.length === 0) return null;
      const out = new Uint8Array(length);
      let at = 0;
      for (const piece of pieces) {
        out.set(piece, at);
        at += piece.length;
      }
      return out;
    },
  };
}

export const otherAggregates: readonly AggregateFunction[] = [
  { name: 'min', overloads: [aggregate(['anyelement'], argType(0), extreme(-1))] },
  { name: 'max', overloads: [aggregate(['anyelement'], argType(0), extreme(1))] },
  { name: 'bool_and', overloads: [aggregate([T.bool], T.bool, boolAgg(true))] },
  { name: 'every', overloads: [aggregate([T.bool], T.bool, boolAgg(true))] },
  { name: 'bool_or', overloads: [aggregate([T.bool], T.bool, boolAgg(false))] },
  { name: 'array_agg', overloads: [aggregate(['anyelement'], arrayOf(0), arrayAgg, false, true)] },
  { name: 'string_agg', overloads: [aggregate([T.text, T.text], T.text, stringAgg, false, true),
    aggregate([T.bytea, T.bytea], T.bytea, byteaStringAgg, false, true)] },
];
