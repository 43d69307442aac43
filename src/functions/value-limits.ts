/**
 * Size limits of values, checked BEFORE a function allocates. PostgreSQL caps a field at 1 GB
 * (`MaxAllocSize`) and an array at `MaxArraySize` elements; a JavaScript string holds at most
 * 2^29 − 24 UTF-16 units (V8's String::kMaxLength), so text is capped there — a length past it
 * would end the process with a V8 fatal error or surface as a RangeError. Errors are
 * PostgreSQL's: 54000 "requested length too large", "out of memory" with its string-buffer
 * detail, "array size exceeds the maximum allowed".
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

/** V8's maximum string length on 64-bit platforms (UTF-16 units). */
export const MAX_TEXT_LENGTH = 2 ** 29 - 24;

/** PostgreSQL's MaxAllocSize (1 GB − 1): the largest field it allocates. */
export const MAX_ALLOC_SIZE = 0x3fffffff;

/** PostgreSQL's MaxArraySize: the most elements an array may hold. */
export const MAX_ARRAY_SIZE = Math.floor(MAX_ALLOC_SIZE / 8);

/** PostgreSQL's longest UTF-8 character, which lpad/rpad reserve per requested character. */
export const MAX_ENCODING_LENGTH = 4;

/** 54000 requested length too large (repeat, lpad, rpad …). */
export function lengthTooLarge(): SqlError {
  return new SqlError(SQLSTATE.ProgramLimitExceeded, 'requested length too large');
}

/** Throws unless a text of `length` UTF-16 units can be built. */
export function checkTextLength(length: number): void {
  if (length > MAX_TEXT_LENGTH) throw lengthTooLarge();
}

/**
 * Throws PostgreSQL's string-buffer error unless `current` units can grow by `adding` (string
 * concatenation, string_agg, concat, format).
 */
export function checkTextGrowth(current: number, adding: number): void {
  if (current + adding > MAX_TEXT_LENGTH) {
    throw new SqlError(SQLSTATE.ProgramLimitExceeded, 'out of memory', {
      detail: `Cannot enlarge string buffer containing ${current} bytes by ${adding} more bytes.`,
    });
  }
}

/** Throws unless an array of `count` elements is allowed. */
export function checkArraySize(count: number): void {
  if (count > MAX_ARRAY_SIZE) {
    throw new SqlError(SQLSTATE.ProgramLimitExceeded, `array size exceeds the maximum allowed (${MAX_ARRAY_SIZE})`);
  }
}

/** Concatenates strings after checking the result fits. */
export function joinChecked(parts: readonly string[], separator = ''): string {
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const adding = parts[i]!.length + (i > 0 ? separator.length : 0);
    checkTextGrowth(total, adding);
    total += adding;
  }
  return parts.join(separator);
}
