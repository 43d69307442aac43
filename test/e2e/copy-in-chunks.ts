/**
 * COPY … FROM STDIN through `pg` with the input cut into CopyData messages of a chosen size, so
 * characters, CRLFs and records split between messages (the COPY readers' hand-over cases).
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Sends `bytes` as messages of `size` bytes; resolves with the COPY's row count, rejects with its error. */
export async function copyInChunks(client: pg.Client, sql: string, bytes: Buffer, size: number): Promise<number | undefined> {
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    for (let at = 0; at < bytes.length; at += size) stream.write(bytes.subarray(at, at + size));
    stream.end();
  });
  return stream.rowCount;
}
