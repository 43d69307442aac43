/**
 * writeError: which LMDB failures a client sees as 53100 (ENOSPC, EDQUOT, MDB_MAP_FULL, EIO on a
 * nearly full filesystem), as 58030 (another I/O error), and what stays as it was (SqlErrors,
 * JS errors, other MDB codes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { SqlError, SQLSTATE } from '../../../src/common/sql-error.js';
import { isDiskFull, writeError } from '../../../src/storage/write-errors.js';

const lmdbError = (code: number, message: string) => Object.assign(new Error(message), { code });
const FILE = 'store/data.mdb';
/** A directory on a filesystem with room (the test machine's temp dir). */
const ROOMY = tmpdir();

test('ENOSPC, EDQUOT and MDB_MAP_FULL are 53100 with PostgreSQL\'s wording', () => {
  for (const code of [28, 122]) {
    const err = writeError(lmdbError(code, 'No space left on device'), ROOMY, FILE) as SqlError;
    assert.equal(err.code, SQLSTATE.DiskFull);
    assert.equal(err.message, 'could not extend file "store/data.mdb": No space left on device');
    assert.equal(err.fields.hint, 'Check free disk space.');
  }
  const mapFull = writeError(lmdbError(-30792, 'MDB_MAP_FULL: Environment mapsize limit reached'), ROOMY, FILE) as SqlError;
  assert.equal(mapFull.code, SQLSTATE.DiskFull);
});

test('EIO is a full disk only when the filesystem is nearly full; otherwise 58030', () => {
  const eio = lmdbError(5, 'Input/output error');
  assert.equal(isDiskFull(eio, ROOMY), false);
  const err = writeError(eio, ROOMY, FILE) as SqlError;
  assert.equal(err.code, SQLSTATE.IoError);
  assert.equal(err.message, 'could not write to file "store/data.mdb": Input/output error');
});

test('SqlErrors, JS errors and other MDB codes pass through unchanged', () => {
  const serialization = new SqlError(SQLSTATE.SerializationFailure, 'could not serialize access due to concurrent update');
  assert.equal(writeError(serialization, ROOMY, FILE), serialization);
  const bug = new TypeError('x is undefined');
  assert.equal(writeError(bug, ROOMY, FILE), bug);
  const badValue = lmdbError(-30781, 'MDB_BAD_VALSIZE');
  assert.equal(writeError(badValue, ROOMY, FILE), badValue);
});
