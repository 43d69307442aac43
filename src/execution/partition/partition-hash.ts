/**
 * The row hash of hash partitioning, bit for bit as PostgreSQL 15 computes it, so rows land in
 * the same partitions as there: each non-NULL key value is hashed with its type's extended hash
 * function seeded with HASH_PARTITION_SEED, the hashes are folded with hash_combine64, and the
 * row goes to the partition whose remainder is the hash modulo its modulus. The hashes are Bob
 * Jenkins' lookup3 (public domain), which PostgreSQL's hash_bytes_extended and
 * hash_bytes_uint32_extended implement; reimplemented here over BigInt-free 32-bit arithmetic.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';

/** PostgreSQL's HASH_PARTITION_SEED. */
const PARTITION_SEED = 0x7a5b22367996dcfdn;
/** lookup3's initial value: the golden ratio plus PostgreSQL's extra constant. */
const GOLDEN = 0x9e3779b9 + 3923095;
const MASK64 = (1n << 64n) - 1n;
/** hash_combine64's constant. */
const COMBINE = 0x49a0f4dd15e5a8e3n;

const rot = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

type State = [number, number, number];

function mix(s: State): void {
  let [a, b, c] = s;
  a = (a - c) >>> 0; a = (a ^ rot(c, 4)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rot(a, 6)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rot(b, 8)) >>> 0; b = (b + a) >>> 0;
  a = (a - c) >>> 0; a = (a ^ rot(c, 16)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rot(a, 19)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rot(b, 4)) >>> 0; b = (b + a) >>> 0;
  s[0] = a; s[1] = b; s[2] = c;
}

function final(s: State): void {
  let [a, b, c] = s;
  c = (c ^ b) >>> 0; c = (c - rot(b, 14)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 11)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 25)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 16)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 4)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 14)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 24)) >>> 0;
  s[0] = a; s[1] = b; s[2] = c;
}

function seeded(length: number, seed: bigint): State {
  const init = (GOLDEN + length) >>> 0;
  const s: State = [init, init, init];
  if (seed !== 0n) {
    s[0] = (s[0] + Number((seed >> 32n) & 0xffffffffn)) >>> 0;
    s[1] = (s[1] + Number(seed & 0xffffffffn)) >>> 0;
    mix(s);
  }
  return s;
}

const result = (s: State) => (BigInt(s[1]) << 32n) | BigInt(s[2]);

/** hash_bytes_uint32_extended. */
export function hashUint32Extended(k: number, seed: bigint): bigint {
  const s = seeded(4, seed);
  s[0] = (s[0] + (k >>> 0)) >>> 0;
  final(s);
  return result(s);
}

/** hash_bytes_extended over `bytes` (the little-endian reading PostgreSQL uses on x86). */
export function hashBytesExtended(bytes: Uint8Array, seed: bigint): bigint {
  const s = seeded(bytes.length, seed);
  const word = (i: number) => (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
  let i = 0;
  let len = bytes.length;
  while (len >= 12) {
    s[0] = (s[0] + word(i)) >>> 0;
    s[1] = (s[1] + word(i + 4)) >>> 0;
    s[2] = (s[2] + word(i + 8)) >>> 0;
    mix(s);
    i += 12;
    len -= 12;
  }
  // The last 0–11 bytes: a takes bytes 0–3, b 4–7, c 8–10 shifted past c's lowest byte.
  for (let j = len - 1; j >= 0; j--) {
    const byte = bytes[i + j]!;
    if (j >= 8) s[2] = (s[2] + ((byte << (8 * (j - 7))) >>> 0)) >>> 0;
    else if (j >= 4) s[1] = (s[1] + ((byte << (8 * (j - 4))) >>> 0)) >>> 0;
    else s[0] = (s[0] + ((byte << (8 * j)) >>> 0)) >>> 0;
  }
  final(s);
  return result(s);
}

/** hashint8extended: the high half folded into the low one (sign-aware), then hashed as 32 bits. */
function hashInt8(value: bigint, seed: bigint): bigint {
  const lo = Number(BigInt.asUintN(32, value));
  const hi = Number(BigInt.asUintN(32, value >> 32n));
  return hashUint32Extended((lo ^ (value >= 0n ? hi : ~hi)) >>> 0, seed);
}

/** hashfloat8extended: 0 and -0 hash as the seed itself; NaNs are all one NaN. */
function hashFloat8(value: number, seed: bigint): bigint {
  if (value === 0) return seed;
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, Number.isNaN(value) ? NaN : value, true);
  return hashBytesExtended(bytes, seed);
}

const encoder = new TextEncoder();

/** The type's extended hash of a non-NULL value (the default hash operator class's support function 2). */
function hashValue(value: Value, type: SqlType, seed: bigint): bigint {
  if (!type.array) {
    switch (type.id) {
      case 'int2': case 'int4': case 'date': case 'oid': case 'regclass': return hashUint32Extended(Number(value) >>> 0, seed);
      case 'bool': return hashUint32Extended(value ? 1 : 0, seed);
      case 'int8': return hashInt8(BigInt(value as bigint | number), seed);
      case 'time': case 'timestamp': case 'timestamptz': return hashInt8(BigInt(value as number), seed);
      case 'float4': case 'float8': return hashFloat8(Number(value), seed);
      case 'text': case 'varchar': case 'name': case 'char': return hashBytesExtended(encoder.encode(value as string), seed);
      case 'bpchar': return hashBytesExtended(encoder.encode((value as string).replace(/ +$/, '')), seed);
      case 'bytea': return hashBytesExtended(value as Uint8Array, seed);
      default: break;
    }
  }
  throw new SqlError(SQLSTATE.FeatureNotSupported, `hash partitioning on type ${type.id} is not supported`);
}

/** True when `type` can be a hash partition key here. */
export function hashableType(type: SqlType): boolean {
  try {
    hashValue(type.id === 'bool' ? true : type.id === 'int8' ? 0n : ['text', 'varchar', 'name', 'char', 'bpchar'].includes(type.id) ? '' : type.id === 'bytea' ? new Uint8Array() : 0, type, 0n);
    return true;
  } catch {
    return false;
  }
}

/** The row hash hash partitioning takes the modulus of (NULL keys are skipped). */
export function partitionRowHash(values: readonly Value[], types: readonly SqlType[]): bigint {
  let row = 0n;
  values.forEach((value, i) => {
    if (value === null) return;
    const hash = hashValue(value, types[i]!, PARTITION_SEED);
    row = (row ^ ((hash + COMBINE + ((row << 54n) & MASK64) + (row >> 7n)) & MASK64)) & MASK64;
  });
  return row;
}
