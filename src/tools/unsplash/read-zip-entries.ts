/**
 * Just enough of the ZIP format to take `photos.tsv000` out of the Unsplash Lite download
 * without a dependency or an `unzip` binary: the end-of-central-directory record, the central
 * directory, and stored or deflated entries streamed through zlib. No ZIP64, encryption or
 * multi-disk archives (the Lite archive needs none of them).
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_SIZE = 22;
/** The EOCD ends with a comment of at most 65535 bytes. */
const EOCD_SEARCH = EOCD_MIN_SIZE + 0xffff;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const ZIP64_MARKER = 0xffffffff;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** True if the file starts like a ZIP archive ("PK\3\4"). */
export async function isZipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(ZIP_MAGIC.length);
    await handle.read(head, 0, head.length, 0);
    return head.equals(ZIP_MAGIC);
  } finally {
    await handle.close();
  }
}

/** The archive's entries, from its central directory. */
export async function listZipEntries(path: string): Promise<ZipEntry[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, EOCD_SEARCH);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - EOCD_MIN_SIZE; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD_SIGNATURE) { eocd = i; break; }
    if (eocd < 0) throw new Error(`${path}: not a ZIP archive (no end of central directory)`);
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === ZIP64_MARKER || dirSize === ZIP64_MARKER) throw new Error(`${path}: ZIP64 archives are not supported`);
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    for (let p = 0, n = 0; n < count; n++) {
      if (dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new Error(`${path}: corrupt central directory`);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      entries.push({
        method: dir.readUInt16LE(p + 10), compressedSize: dir.readUInt32LE(p + 20), size: dir.readUInt32LE(p + 24),
        localHeaderOffset: dir.readUInt32LE(p + 42), name: dir.toString('utf8', p + CENTRAL_HEADER_SIZE, p + CENTRAL_HEADER_SIZE + nameLength),
      });
      p += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** A stream of one entry's uncompressed bytes. */
export async function openZipEntry(path: string, entry: ZipEntry): Promise<Readable> {
  if (entry.compressedSize === ZIP64_MARKER) throw new Error(`${path}: ${entry.name} needs ZIP64, which is not supported`);
  const handle = await open(path, 'r');
  const local = Buffer.alloc(LOCAL_HEADER_SIZE);
  try {
    await handle.read(local, 0, LOCAL_HEADER_SIZE, entry.localHeaderOffset);
  } finally {
    await handle.close();
  }
  if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`${path}: corrupt local header for ${entry.name}`);
  // The local name/extra lengths may differ from the central directory's copy.
  const start = entry.localHeaderOffset + LOCAL_HEADER_SIZE + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === METHOD_STORED) return raw;
  if (entry.method === METHOD_DEFLATE) {
    const inflate = createInflateRaw();
    // pipe() does not forward read errors; a truncated download must fail, not end quietly.
    raw.on('error', (err) => inflate.destroy(err));
    return raw.pipe(inflate);
  }
  throw new Error(`${path}: ${entry.name} uses compression method ${entry.method}; only stored and deflate are supported`);
}

/** Reads one entry fully as UTF-8 text. */
export async function readZipEntryText(path: string, entry: ZipEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openZipEntry(path, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
