/**
 * bytea functions: md5 and the sha2 digests, encode/decode (hex, base64, escape), get/set of
 * bytes and bits, substr/substring, overlay, btrim/ltrim/rtrim, bit_count. Positions follow
 * PostgreSQL: substring is 1-based, get_byte/get_bit are 0-based with bit 0 the lowest bit.
 */
import { createHash } from 'node:crypto';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const bytes = (value: Value): Uint8Array => value as Uint8Array;
const int = (value: Value): number => Number(value as number | bigint);
const BITS_PER_BYTE = 8;
/** PostgreSQL's base64 output breaks lines after this many characters. */
const BASE64_LINE = 76;

function digest(algorithm: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(data).digest());
}

function unrecognized(format: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, `unrecognized encoding: "${format}"`);
}

function encodeEscape(data: Uint8Array): string {
  let out = '';
  for (const b of data) {
    if (b === 0x5c) out += '\\\\';
    else if (b === 0 || b >= 0x80) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

function encode(data: Uint8Array, format: string): string {
  switch (format.toLowerCase()) {
    case 'hex': return Buffer.from(data).toString('hex');
    case 'base64': {
      const flat = Buffer.from(data).toString('base64');
      const lines: string[] = [];
      for (let i = 0; i < flat.length; i += BASE64_LINE) lines.push(flat.slice(i, i + BASE64_LINE));
      return lines.join('\n');
    }
    case 'escape': return encodeEscape(data);
    default: throw unrecognized(format);
  }
}

function badHex(message: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, message);
}

function decodeHex(text: string): Uint8Array {
  const digits = text.replace(/[ \t\n\r]/g, '');
  const bad = /[^0-9a-fA-F]/.exec(digits);
  if (bad) throw badHex(`invalid hexadecimal digit: "${bad[0]}"`);
  if (digits.length % 2 !== 0) throw badHex('invalid hexadecimal data: odd number of digits');
  return new Uint8Array(Buffer.from(digits, 'hex'));
}

function decodeBase64(text: string): Uint8Array {
  const body = text.replace(/[ \t\n\r]/g, '');
  const bad = /[^A-Za-z0-9+/=]/.exec(body);
  if (bad) throw badHex(`invalid symbol "${bad[0]}" found while decoding base64 sequence`);
  if (/=[^=]/.test(body) || body.length % 4 !== 0) throw badHex('invalid base64 end sequence');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

function decodeEscape(text: string): Uint8Array {
  const out: number[] = [];
  const raw = Buffer.from(text);
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x5c) { out.push(raw[i]!); continue; }
    if (raw[i + 1] === 0x5c) { out.push(0x5c); i++; continue; }
    const octal = raw.subarray(i + 1, i + 4).toString();
    if (!/^[0-3][0-7][0-7]$/.test(octal)) {
      throw new SqlError(SQLSTATE.InvalidTextRepresentation, 'invalid input syntax for type bytea');
    }
    out.push(parseInt(octal, 8));
    i += 3;
  }
  return new Uint8Array(out);
}

function decode(text: string, format: string): Uint8Array {
  switch (format.toLowerCase()) {
    case 'hex': return decodeHex(text);
    case 'base64': return decodeBase64(text);
    case 'escape': return decodeEscape(text);
    default: throw unrecognized(format);
  }
}

function checkIndex(index: number, size: number): void {
  if (index < 0 || index >= size) {
    throw new SqlError(SQLSTATE.ArraySubscriptError, `index ${index} out of valid range, 0..${size - 1}`);
  }
}

function setByte(data: Uint8Array, index: number, value: number): Uint8Array {
  checkIndex(index, data.length);
  const copy = new Uint8Array(data);
  copy[index] = value & 0xff;
  return copy;
}

function getBit(data: Uint8Array, index: number): number {
  checkIndex(index, data.length * BITS_PER_BYTE);
  return (data[Math.floor(index / BITS_PER_BYTE)]! >> (index % BITS_PER_BYTE)) & 1;
}

function setBit(data: Uint8Array, index: number, bit: number): Uint8Array {
  checkIndex(index, data.length * BITS_PER_BYTE);
  if (bit !== 0 && bit !== 1) throw new SqlError(SQLSTATE.InvalidParameterValue, 'new bit must be 0 or 1');
  const copy = new Uint8Array(data);
  const mask = 1 << (index % BITS_PER_BYTE);
  const at = Math.floor(index / BITS_PER_BYTE);
  copy[at] = bit === 1 ? copy[at]! | mask : copy[at]! & ~mask;
  return copy;
}

/** substring(bytea FROM start [FOR count]), 1-based like the text form. */
export function byteaSubstring(data: Uint8Array, start: number, count?: number): Uint8Array {
  if (count !== undefined && count < 0) throw new SqlError(SQLSTATE.SubstringError, 'negative substring length not allowed');
  const from = Math.max(start, 1);
  const to = count === undefined ? data.length + 1 : Math.min(start + count, data.length + 1);
  return to <= from ? new Uint8Array(0) : data.slice(from - 1, to - 1);
}

function overlay(data: Uint8Array, placing: Uint8Array, start: number, count = placing.length): Uint8Array {
  const head = byteaSubstring(data, 1, start - 1);
  const tail = byteaSubstring(data, start + count);
  return new Uint8Array(Buffer.concat([head, placing, tail]));
}

function trimBytes(data: Uint8Array, set: Uint8Array, leading: boolean, trailing: boolean): Uint8Array {
  let lo = 0;
  let hi = data.length;
  if (leading) while (lo < hi && set.includes(data[lo]!)) lo++;
  if (trailing) while (hi > lo && set.includes(data[hi - 1]!)) hi--;
  return data.slice(lo, hi);
}

function bitCount(data: Uint8Array): bigint {
  let n = 0;
  for (let b of data) for (; b !== 0; b &= b - 1) n++;
  return BigInt(n);
}

const digests = [['md5', 'md5'], ['sha224', 'sha224'], ['sha256', 'sha256'], ['sha384', 'sha384'], ['sha512', 'sha512']] as const;

export const byteaFunctions: readonly ScalarFunction[] = [
  ...digests.map(([name, algorithm]) => ({ name, overloads: [name === 'md5'
    ? scalar([T.bytea], T.text, ([b]) => Buffer.from(digest(algorithm, bytes(b))).toString('hex'))
    : scalar([T.bytea], T.bytea, ([b]) => digest(algorithm, bytes(b)))] })),
  { name: 'encode', overloads: [scalar([T.bytea, T.text], T.text, ([b, f]) => encode(bytes(b), f as string))] },
  { name: 'decode', overloads: [scalar([T.text, T.text], T.bytea, ([s, f]) => decode(s as string, f as string))] },
  { name: 'get_byte', overloads: [scalar([T.bytea, T.int4], T.int4, ([b, n]) => {
    checkIndex(int(n), bytes(b).length);
    return bytes(b)[int(n)]!;
  })] },
  { name: 'set_byte', overloads: [scalar([T.bytea, T.int4, T.int4], T.bytea, ([b, n, v]) => setByte(bytes(b), int(n), int(v)))] },
  { name: 'get_bit', overloads: [scalar([T.bytea, T.int8], T.int4, ([b, n]) => getBit(bytes(b), int(n)))] },
  { name: 'set_bit', overloads: [scalar([T.bytea, T.int8, T.int4], T.bytea, ([b, n, v]) => setBit(bytes(b), int(n), int(v)))] },
  ...['substring', 'substr'].map((name) => ({ name, overloads: [
    scalar([T.bytea, T.int4], T.bytea, ([b, s]) => byteaSubstring(bytes(b), int(s))),
    scalar([T.bytea, T.int4, T.int4], T.bytea, ([b, s, n]) => byteaSubstring(bytes(b), int(s), int(n))),
  ] })),
  { name: 'overlay', overloads: [
    scalar([T.bytea, T.bytea, T.int4], T.bytea, ([b, p, s]) => overlay(bytes(b), bytes(p), int(s))),
    scalar([T.bytea, T.bytea, T.int4, T.int4], T.bytea, ([b, p, s, n]) => overlay(bytes(b), bytes(p), int(s), int(n))),
  ] },
  ...([['btrim', true, true], ['ltrim', true, false], ['rtrim', false, true]] as const).map(([name, lead, trail]) => ({
    name, overloads: [scalar([T.bytea, T.bytea], T.bytea, ([b, set]) => trimBytes(bytes(b), bytes(set), lead, trail))],
  })),
  { name: 'bit_count', overloads: [scalar([T.bytea], T.int8, ([b]) => bitCount(bytes(b)))] },
];
