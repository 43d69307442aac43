/**
 * Takes `photos.tsv000` out of the Unsplash Lite download with yauzl (a streaming ZIP reader:
 * central directory, stored and deflated entries, ZIP64, entry size checks) rather than an
 * `unzip` binary or a ZIP parser of our own (see this folder's README, Decisions).
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
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

/** Opens the archive, hands each entry to `visit` until it returns true, then closes it. */
function walkEntries(path: string, visit: (zip: yauzl.ZipFile, entry: yauzl.Entry) => Promise<boolean> | boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(new Error(`${path}: not a ZIP archive, or a damaged one (${err?.message ?? 'no archive'})`));
      const finish = (error?: unknown) => {
        zip.close();
        if (error === undefined) resolve(); else reject(error instanceof Error ? error : new Error(String(error)));
      };
      zip.on('error', finish);
      zip.on('end', () => finish());
      zip.on('entry', (entry: yauzl.Entry) => {
        Promise.resolve(visit(zip, entry)).then((done) => (done ? finish() : zip.readEntry()), finish);
      });
      zip.readEntry();
    });
  });
}

/** The archive's entries, from its central directory. */
export async function listZipEntries(path: string): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  await walkEntries(path, (_zip, e) => {
    entries.push({ name: e.fileName, compressedSize: e.compressedSize, size: e.uncompressedSize });
    return false;
  });
  return entries;
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err) : resolve(stream))));
}

/** Reads one entry fully as UTF-8 text (a truncated or corrupt entry rejects). */
export async function readZipEntryText(path: string, entry: ZipEntry): Promise<string> {
  let text: string | undefined;
  await walkEntries(path, async (zip, e) => {
    if (e.fileName !== entry.name) return false;
    const chunks: Buffer[] = [];
    for await (const chunk of await openStream(zip, e)) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
    return true;
  });
  if (text === undefined) throw new Error(`${path}: no entry ${entry.name}`);
  return text;
}
