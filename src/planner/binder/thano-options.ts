/**
 * Typed reads of ThanoSQL OPTIONS(…) values (Python-style literals: strings, numbers, True/False),
 * with 22023 naming the option when a value has the wrong kind. Option names are case-insensitive.
 * The one reader of OPTIONS for every statement (COPY, CONVERT, SEARCH, the model statements), so
 * a value means the same everywhere.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Options, OptionValue } from '../../parser/ast.js';

/** An option's value by its (case-insensitive) name, as written. */
export function optionValue(options: Options, name: string): OptionValue | undefined {
  const key = Object.keys(options).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : options[key];
}

function invalid(name: string, expected: string, value: OptionValue): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, `option "${name}" must be ${expected}, got ${JSON.stringify(value)}`);
}

export function optionString(options: Options, name: string): string | undefined {
  const value = optionValue(options, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw invalid(name, 'a non-empty string', value);
  return value;
}

/** PostgreSQL's spellings of a boolean (parse_bool), besides Python's True and False. */
const TRUE_WORDS = ['true', 't', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'f', 'no', 'off', '0'];

/** A boolean option: True/False, or a string or number PostgreSQL reads as a boolean ('on', 1 …). */
export function optionBool(options: Options, name: string, fallback: boolean): boolean {
  const value = optionValue(options, name);
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).toLowerCase();
    if (TRUE_WORDS.includes(text)) return true;
    if (FALSE_WORDS.includes(text)) return false;
  }
  throw invalid(name, 'True or False', value);
}

export function optionPositiveInt(options: Options, name: string, fallback: number, max: number): number {
  const value = optionValue(options, name);
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(name, `an integer from 1 to ${max}`, value);
  }
  return value;
}

/** 22023 for option names the statement does not know (typos should not pass silently). */
export function checkKnownOptions(options: Options, statement: string, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key.toLowerCase())) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, `${statement} does not take option "${key}"`, {
        hint: `options: ${known.join(', ')}`,
      });
    }
  }
}
