/**
 * numeric(p, s)'s typmod as PostgreSQL 15 packs it: ((p << 16) | (s & 0x7ff)) + VARHDRSZ.
 * The scale is an 11-bit two's-complement field, since PostgreSQL 15 allows a negative scale
 * (numeric(3, -3) rounds to thousands) and a scale larger than the precision.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

const VARHDRSZ = 4;
const PRECISION_SHIFT = 16;
const SCALE_MASK = 0x7ff;
/** Sign bit of the 11-bit scale field. */
const SCALE_SIGN = 0x400;
const PRECISION_MASK = 0xffff;
/** PostgreSQL's NUMERIC_MAX_PRECISION, NUMERIC_MIN_SCALE and NUMERIC_MAX_SCALE. */
const MAX_PRECISION = 1000;
const MIN_SCALE = -1000;
const MAX_SCALE = 1000;

/** The typmod for numeric(precision, scale); 22023 outside PostgreSQL's ranges. */
export function numericTypmod(precision: number, scale = 0): number {
  if (precision < 1 || precision > MAX_PRECISION) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `NUMERIC precision ${precision} must be between 1 and ${MAX_PRECISION}`);
  }
  if (scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `NUMERIC scale ${scale} must be between ${MIN_SCALE} and ${MAX_SCALE}`);
  }
  return ((precision << PRECISION_SHIFT) | (scale & SCALE_MASK)) + VARHDRSZ;
}

/** The precision in a numeric typmod (≥ VARHDRSZ). */
export function numericTypmodPrecision(typmod: number): number {
  return ((typmod - VARHDRSZ) >> PRECISION_SHIFT) & PRECISION_MASK;
}

/** The (possibly negative) scale in a numeric typmod (≥ VARHDRSZ). */
export function numericTypmodScale(typmod: number): number {
  return (((typmod - VARHDRSZ) & SCALE_MASK) ^ SCALE_SIGN) - SCALE_SIGN;
}
