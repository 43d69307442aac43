/**
 * Each Database owns its extension registry (engine/extension-registry.ts): two Databases in one
 * process, one opened with the CLIP extension and one without, answer the same statements
 * differently — whichever was opened first or last. With process-wide hooks the plain Database
 * would reach the CLIP binders (and fail deeper, for want of the CLIP runtime).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqlError, type Notice } from '../../../src/common/sql-error.js';
import { Database } from '../../../src/engine/database.js';
import type { QueryOutput } from '../../../src/engine/query-output.js';
import { clipExtension, printImageExtension } from '../../../src/ml/sql/sql-extension.js';
import type { Row } from '../../../src/types/value.js';

/** Runs `sql` in a new session of `database`; its rows (first column) or the SqlError it raised. */
async function firstColumn(database: Database, sql: string): Promise<unknown[]> {
  const rows: Row[] = [];
  const notices: Notice[] = [];
  const out: QueryOutput = {
    rowDescription: () => undefined,
    dataRows: async (batch) => { rows.push(...batch); },
    commandComplete: () => undefined,
    emptyQuery: () => undefined,
    portalSuspended: () => undefined,
    notice: (notice) => notices.push(notice),
    copyIn: () => { throw new Error('no COPY here'); },
    copyOut: () => { throw new Error('no COPY here'); },
  };
  const session = database.createSession('thanosql');
  await session.simpleQuery(sql, out);
  return rows.map((row) => row[0]);
}

async function sqlError(promise: Promise<unknown>): Promise<SqlError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SqlError) return err;
    throw err;
  }
  assert.fail('expected an SqlError');
}

describe('two Databases in one process keep their own extensions', () => {
  let dir: string;
  let withClip: Database;
  let plain: Database;
  let plainFirst: Database;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'thanosql-extensions-'));
    // One plain Database opened before the CLIP one and one after: neither order may leak.
    plainFirst = await Database.open({ dataDir: join(dir, 'plain-first') });
    withClip = await Database.open({
      dataDir: join(dir, 'clip'), extensions: [printImageExtension(), clipExtension({ offline: true })],
    });
    plain = await Database.open({ dataDir: join(dir, 'plain') });
  });
  after(async () => {
    for (const database of [withClip, plain, plainFirst]) await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('LIST MODEL lists the built-in model only where CLIP was opened', async () => {
    assert.ok((await firstColumn(withClip, 'LIST MODEL')).includes('tutorial_search_clip'));
    for (const database of [plain, plainFirst]) {
      const err = await sqlError(firstColumn(database, 'LIST MODEL'));
      assert.equal(err.code, '0A000');
      assert.match(err.message, /CLIP statements are not available in this database/);
    }
  });

  it('SEARCH binds against the model where CLIP was opened, and is 0A000 where not', async () => {
    const search = 'EXPLAIN SELECT * FROM (SEARCH IMAGE text="a cat" USING tutorial_search_clip AS SELECT * FROM t)';
    for (const database of [withClip, plain]) await firstColumn(database, 'CREATE TABLE t (image_path text, tutorial_search_clip_clipen real[])');
    const plan = (await firstColumn(withClip, search)).join('\n');
    assert.match(plan, /Search/);
    const err = await sqlError(firstColumn(plain, search));
    assert.equal(err.code, '0A000');
    assert.match(err.message, /CLIP statements are not available in this database/);
  });

  it("thanosql.disabled_optimizers names the Database's own extension rules only", async () => {
    await firstColumn(withClip, "SET thanosql.disabled_optimizers = 'search_top_k'");
    const err = await sqlError(firstColumn(plain, "SET thanosql.disabled_optimizers = 'search_top_k'"));
    assert.equal(err.code, '22023');
    await firstColumn(plain, "SET thanosql.disabled_optimizers = 'projection_pruning'");
  });

  it('PRINT IMAGE is an extension statement too: 0A000 without the extension', async () => {
    const err = await sqlError(firstColumn(plainFirst, 'PRINT IMAGE AS SELECT 1 AS image_path'));
    assert.equal(err.code, '0A000');
  });
});
