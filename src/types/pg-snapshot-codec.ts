/**
 * pg_snapshot's text form, `xmin:xmax:xip1,xip2,…`, read as PostgreSQL 15's parse_snapshot
 * reads it: each number by strtoull in base 10 (leading blanks and a sign allowed, nothing
 * else); xmin and xmax valid transaction ids (their low 32 bits not 0), xmin ≤ xmax; the
 * in-progress ids ascending within [xmin, xmax), a repeated one kept once. Anything else is
 * 22P02. The value is kept as its canonical text (so it stores like text); `snapshotParts`
 * reads it back for the functions.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

export interface SnapshotParts {
  readonly xmin: bigint;
  readonly xmax: bigint;
  /** In-progress ids, ascending, no repeats. */
  readonly xip: readonly bigint[];
}

const UINT64_MAX = (1n << 64n) - 1n;
const XID_BITS = 0xffffffffn;
const DIGIT_ZERO = '0'.charCodeAt(0);

/** The canonical text of the pg_snapshot `text` means; 22P02 when PostgreSQL 15 rejects it. */
export function parsePgSnapshot(text: string): string {
  return formatSnapshot(readSnapshot(text));
}

/** The parts of a pg_snapshot value (its canonical text). */
export function snapshotParts(value: string): SnapshotParts {
  return readSnapshot(value);
}

export function formatSnapshot(parts: SnapshotParts): string {
  return `${parts.xmin}:${parts.xmax}:${parts.xip.join(',')}`;
}

/** PostgreSQL's FullTransactionIdIsValid: the 32-bit xid inside is not InvalidTransactionId. */
export function validFullXid(value: bigint): boolean {
  return (value & XID_BITS) !== 0n;
}

function readSnapshot(text: string): SnapshotParts {
  const bad = () => new SqlError(SQLSTATE.InvalidTextRepresentation, `invalid input syntax for type pg_snapshot: "${text}"`);
  let at = 0;
  const next = () => {
    const read = strtou64(text, at);
    at = read.end;
    return read.value;
  };
  const xmin = next();
  if (text[at++] !== ':') throw bad();
  const xmax = next();
  if (text[at++] !== ':') throw bad();
  if (!validFullXid(xmin) || !validFullXid(xmax) || xmax < xmin) throw bad();
  const xip: bigint[] = [];
  let last = 0n;
  while (at < text.length) {
    const value = next();
    if (value < xmin || value >= xmax || value < last) throw bad();
    if (value !== last) xip.push(value);
    last = value;
    if (text[at] === ',') at++;
    else if (at < text.length) throw bad();
  }
  return { xmin, xmax, xip };
}

/** C's strtoull(text + start, &end, 10): no digits is 0 with `end` = `start`. */
function strtou64(text: string, start: number): { value: bigint; end: number } {
  let i = start;
  while (i < text.length && /[ \t\n\v\f\r]/.test(text[i]!)) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') negative = text[i++] === '-';
  const digitsFrom = i;
  let value = 0n;
  while (i < text.length && text[i]! >= '0' && text[i]! <= '9') {
    value = value * 10n + BigInt(text.charCodeAt(i) - DIGIT_ZERO);
    i++;
  }
  if (i === digitsFrom) return { value: 0n, end: start };
  if (value > UINT64_MAX) return { value: UINT64_MAX, end: i };
  return { value: negative ? (UINT64_MAX + 1n - value) & UINT64_MAX : value, end: i };
}

const NXIP_BYTES = 4;
const XID8_BYTES = 8;

/** pg_snapshot_send: int4 count of in-progress ids, int8 xmin, int8 xmax, then each id. */
export function encodeSnapshotBinary(value: string): Buffer {
  const { xmin, xmax, xip } = snapshotParts(value);
  const b = Buffer.alloc(NXIP_BYTES + XID8_BYTES * (2 + xip.length));
  b.writeInt32BE(xip.length, 0);
  [xmin, xmax, ...xip].forEach((id, i) => b.writeBigUInt64BE(id, NXIP_BYTES + XID8_BYTES * i));
  return b;
}

/** pg_snapshot_recv, with its checks (22P03 "invalid external pg_snapshot data"). */
export function decodeSnapshotBinary(b: Buffer): string {
  const bad = () => new SqlError(SQLSTATE.InvalidBinaryRepresentation, 'invalid external pg_snapshot data');
  if (b.length < NXIP_BYTES + 2 * XID8_BYTES) throw bad();
  const nxip = b.readInt32BE(0);
  if (nxip < 0 || b.length !== NXIP_BYTES + XID8_BYTES * (2 + nxip)) throw bad();
  const id = (i: number) => b.readBigUInt64BE(NXIP_BYTES + XID8_BYTES * i);
  const xmin = id(0);
  const xmax = id(1);
  if (!validFullXid(xmin) || !validFullXid(xmax) || xmax < xmin) throw bad();
  const xip: bigint[] = [];
  let last = 0n;
  for (let i = 0; i < nxip; i++) {
    const cur = id(2 + i);
    if (cur < xmin || cur >= xmax || cur < last) throw bad();
    if (cur !== last) xip.push(cur);
    last = cur;
  }
  return formatSnapshot({ xmin, xmax, xip });
}
