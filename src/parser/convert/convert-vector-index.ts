/**
 * The vector part of CREATE INDEX, in pgvector's syntax: `USING hnsw (col vector_cosine_ops)
 * [WITH (m = 16, ef_construction = 64 [, quantization = 'f32' | 'f16' | 'i8'])]`. SEARCH ranks by cosine,
 * so the cosine and inner-product classes are accepted (the same order for the normalised rows
 * the index holds); ranges as pgvector's (22023 outside them).
 */
import type { IndexStmt, Node } from 'libpg-query';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { VectorIndexOptions } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { notSupported } from './not-supported.js';

/** pgvector's defaults and limits for HNSW. */
const HNSW = { m: { default: 16, min: 2, max: 100 }, efConstruction: { default: 64, min: 4, max: 1000 } } as const;
const OPCLASSES = ['vector_cosine_ops', 'vector_ip_ops'] as const;
const QUANTIZATIONS = ['f32', 'f16', 'i8'] as const;
/**
 * The graph's own copy of the rows is int8 unless asked otherwise: every candidate is re-scored
 * exactly, so quantization only changes which rows the walk finds, and int8 builds ~3× faster than
 * float32 at 512-d with the same recall (src/ml/README.md, Decision 15).
 */
const DEFAULT_QUANTIZATION = 'i8';

export function isVectorIndex(s: IndexStmt): boolean {
  return s.accessMethod === 'hnsw';
}

/** The options of a `USING hnsw` index whose one key is `column` with operator class `opclass`. */
export function convertVectorIndex(s: IndexStmt, opclass: string | undefined, ctx: ConvertContext): VectorIndexOptions {
  if ((s.indexParams ?? []).length !== 1) throw notSupported('an hnsw index on more than one column', ctx);
  if (opclass === undefined) {
    throw new SqlError(SQLSTATE.UndefinedObject, 'data type real[] has no default operator class for access method "hnsw"', {
      hint: 'You must specify an operator class for the index: vector_cosine_ops (SEARCH ranks by cosine) or vector_ip_ops.',
    });
  }
  if (!(OPCLASSES as readonly string[]).includes(opclass)) {
    throw new SqlError(SQLSTATE.UndefinedObject, `operator class "${opclass}" does not exist for access method "hnsw"`, {
      hint: 'SEARCH ranks by cosine similarity: use vector_cosine_ops (or vector_ip_ops).',
    });
  }
  const options = new Map<string, Node | undefined>();
  for (const node of s.options ?? []) {
    const def = 'DefElem' in node ? node.DefElem : undefined;
    if (!def?.defname) continue;
    options.set(def.defname.toLowerCase(), def.arg);
  }
  const m = integerOption(options, 'm', HNSW.m);
  const efConstruction = integerOption(options, 'ef_construction', HNSW.efConstruction);
  if (efConstruction < 2 * m) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, 'ef_construction must be greater than or equal to 2 * m');
  }
  const quantization = (stringOption(options, 'quantization') ?? DEFAULT_QUANTIZATION).toLowerCase();
  if (!(QUANTIZATIONS as readonly string[]).includes(quantization)) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "quantization": "${quantization}"`, {
      hint: 'Valid values are "f32", "f16" and "i8".',
    });
  }
  for (const name of options.keys()) {
    if (!['m', 'ef_construction', 'quantization'].includes(name)) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, `unrecognized parameter "${name}"`);
    }
  }
  return { method: 'hnsw', opclass: opclass as VectorIndexOptions['opclass'], m, efConstruction, quantization: quantization as VectorIndexOptions['quantization'] };
}

function integerOption(options: Map<string, Node | undefined>, name: string, range: { default: number; min: number; max: number }): number {
  if (!options.has(name)) return range.default;
  const arg = options.get(name);
  const value = arg && 'Integer' in arg ? arg.Integer.ival ?? 0 : Number.NaN;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `value ${Number.isNaN(value) ? 'given' : value} out of bounds for option "${name}"`, {
      detail: `Valid values are between "${range.min}" and "${range.max}".`,
    });
  }
  return value;
}

function stringOption(options: Map<string, Node | undefined>, name: string): string | undefined {
  const arg = options.get(name);
  return arg && 'String' in arg ? arg.String.sval : undefined;
}
