/**
 * The first step of date/time and interval input, as PostgreSQL takes it: the string is split
 * into fields, each given a preliminary kind — a number (`1999`, `12.5`, `.5`), a date
 * (`1999-01-08`, `08-jan-1999`, `america/new_york`), a time (`04:05:06.7`), a signed zone or
 * number (`-08`, `+5:30`), a signed word (`-infinity`), or a word. Words and text dates are
 * lower-cased. Whitespace and other punctuation separate fields.
 */
import { lookupDateToken } from './datetime-tokens.js';

export type FieldKind = 'number' | 'string' | 'date' | 'time' | 'tz' | 'special';

export interface DateField {
  readonly text: string;
  readonly kind: FieldKind;
}

/** PostgreSQL's MAXDATEFIELDS. */
export const MAX_DATE_FIELDS = 25;
/** Work buffer sizes: datetime input (MAXDATELEN + MAXDATEFIELDS) and interval input. */
export const DATETIME_BUFFER = 128 + MAX_DATE_FIELDS;
export const INTERVAL_BUFFER = 256;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlnum = (c: string | undefined) => isDigit(c) || isAlpha(c);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
/** C's ispunct for ASCII: printable, not alphanumeric, not space. */
const isPunct = (c: string) => c > ' ' && c < '\x7f' && !isAlnum(c);

/** The fields of `input`, or undefined when it cannot be split (PostgreSQL's DTERR_BAD_FORMAT). */
export function splitDateFields(input: string, bufferSize = DATETIME_BUFFER): DateField[] | undefined {
  const fields: DateField[] = [];
  let used = 0;
  let i = 0;
  let buf = '';
  const append = (ch: string): boolean => {
    if (used + 1 >= bufferSize) return false;
    buf += ch;
    used++;
    return true;
  };
  const take = (lower: boolean): boolean => append(lower ? input[i++]!.toLowerCase() : input[i++]!);
  while (i < input.length) {
    const c = input[i]!;
    if (isSpace(c)) { i++; continue; }
    if (fields.length >= MAX_DATE_FIELDS) return undefined;
    buf = '';
    let kind: FieldKind;
    if (isDigit(c)) {
      if (!take(false)) return undefined;
      while (isDigit(input[i])) if (!take(false)) return undefined;
      if (input[i] === ':') {
        kind = 'time';
        if (!take(false)) return undefined;
        while (isDigit(input[i]) || input[i] === ':' || input[i] === '.') if (!take(false)) return undefined;
      } else if (input[i] === '-' || input[i] === '/' || input[i] === '.') {
        const delim = input[i]!;
        if (!take(false)) return undefined;
        if (isDigit(input[i])) {
          kind = delim === '.' ? 'number' : 'date';
          while (isDigit(input[i])) if (!take(false)) return undefined;
          // Three fields need matching delimiters (`1999-01-08`, not `1999-01/08`).
          if (input[i] === delim) {
            kind = 'date';
            if (!take(false)) return undefined;
            while (isDigit(input[i]) || input[i] === delim) if (!take(false)) return undefined;
          }
        } else {
          kind = 'date';
          while (isAlnum(input[i]) || input[i] === delim) if (!take(true)) return undefined;
        }
      } else {
        kind = 'number';
      }
    } else if (c === '.') {
      if (!take(false)) return undefined;
      while (isDigit(input[i])) if (!take(false)) return undefined;
      kind = 'number';
    } else if (isAlpha(c)) {
      kind = 'string';
      if (!take(true)) return undefined;
      while (isAlpha(input[i])) if (!take(true)) return undefined;
      // A text date (`jan-08-1999`) or a zone name (`america/new_york`, `gmt+8`) — but a key
      // word followed by a digit or `+` (`t04:05`, `j2451187`) stays a word.
      const next = input[i];
      let isDate = next === '-' || next === '/' || next === '.';
      if (!isDate && (next === '+' || isDigit(next))) isDate = lookupDateToken(buf) === undefined;
      if (isDate) {
        kind = 'date';
        do {
          if (!take(true)) return undefined;
        } while (input[i] === '+' || input[i] === '-' || input[i] === '/' || input[i] === '_' || input[i] === '.'
          || input[i] === ':' || isAlnum(input[i]));
      }
    } else if (c === '+' || c === '-') {
      if (!take(false)) return undefined;
      while (isSpace(input[i])) i++;
      if (isDigit(input[i])) {
        kind = 'tz';
        if (!take(false)) return undefined;
        while (isDigit(input[i]) || input[i] === ':' || input[i] === '.' || input[i] === '-') if (!take(false)) return undefined;
      } else if (isAlpha(input[i])) {
        kind = 'special';
        if (!take(true)) return undefined;
        while (isAlpha(input[i])) if (!take(true)) return undefined;
      } else {
        return undefined;
      }
    } else if (isPunct(c)) {
      i++;
      continue;
    } else {
      return undefined;
    }
    used++; // the field's terminator
    fields.push({ text: buf, kind });
  }
  return fields;
}
