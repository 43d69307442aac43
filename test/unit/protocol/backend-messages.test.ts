/**
 * Backend encoding: every message our serializer writes parses with pg-protocol's `parse()`
 * (node-postgres's decoder) to the expected fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parse } from 'pg-protocol';
import * as codec from '../../../src/protocol/codec/index.js';

type Parsed = Record<string, unknown> & { name: string };

async function parseAll(bytes: Buffer): Promise<Parsed[]> {
  const out: Parsed[] = [];
  await parse(Readable.from([bytes]), (msg) => out.push(msg as unknown as Parsed));
  return out;
}

test('all backend messages parse with pg-protocol', async () => {
  const w = new codec.BufferWriter(8);
  codec.writeAuthenticationOk(w);
  codec.writeAuthenticationSASL(w, ['SCRAM-SHA-256']);
  codec.writeAuthenticationSASLContinue(w, 'r=abc,s=c2FsdA==,i=4096');
  codec.writeAuthenticationSASLFinal(w, 'v=xyz');
  codec.writeAuthenticationMD5(w, Uint8Array.of(1, 2, 3, 4));
  codec.writeParameterStatus(w, 'server_version', '15.8 (ThanoSQL-lite 0.1)');
  codec.writeBackendKeyData(w, 10001, 123456);
  codec.writeRowDescription(w, [{ name: 'café', tableOid: 16384, columnAttnum: 2, typeOid: 1700, typeLen: -1, typeMod: 786438, format: 1 }]);
  codec.writeDataRow(w, ['héllo ✓', null, Uint8Array.of(0, 1)]);
  codec.writeCommandComplete(w, 'SELECT 1');
  codec.writeEmptyQueryResponse(w);
  codec.writeErrorResponse(w, { severity: 'ERROR', code: '42P01', message: 'relation "t" does not exist', detail: 'd', hint: 'h', position: 15, schema: 's', table: 't', column: 'c', dataType: 'int4', constraint: 'n' });
  codec.writeNoticeResponse(w, { severity: 'WARNING', code: '25001', message: 'there is already a transaction in progress' });
  codec.writeParseComplete(w);
  codec.writeBindComplete(w);
  codec.writeCloseComplete(w);
  codec.writeNoData(w);
  codec.writeParameterDescription(w, [23, 25, 0xffffffff]);
  codec.writePortalSuspended(w);
  codec.writeCopyInResponse(w, 0, [0, 0]);
  codec.writeCopyOutResponse(w, 0, [0]);
  codec.writeCopyData(w, Buffer.from('a\tb\n'));
  codec.writeCopyDone(w);
  codec.writeReadyForQuery(w, 'InBlock');
  const msgs = await parseAll(w.flush());
  const pick = (i: number, ...keys: string[]) => Object.fromEntries([['name', msgs[i]!.name], ...keys.map((k) => [k, msgs[i]![k]])]);
  assert.deepEqual(msgs.map((m) => m.name), [
    'authenticationOk', 'authenticationSASL', 'authenticationSASLContinue', 'authenticationSASLFinal',
    'authenticationMD5Password', 'parameterStatus', 'backendKeyData', 'rowDescription', 'dataRow', 'commandComplete',
    'emptyQuery', 'error', 'notice', 'parseComplete', 'bindComplete', 'closeComplete', 'noData', 'parameterDescription',
    'portalSuspended', 'copyInResponse', 'copyOutResponse', 'copyData', 'copyDone', 'readyForQuery',
  ]);
  assert.deepEqual(pick(1, 'mechanisms'), { name: 'authenticationSASL', mechanisms: ['SCRAM-SHA-256'] });
  assert.deepEqual(pick(2, 'data'), { name: 'authenticationSASLContinue', data: 'r=abc,s=c2FsdA==,i=4096' });
  assert.deepEqual(pick(3, 'data'), { name: 'authenticationSASLFinal', data: 'v=xyz' });
  assert.deepEqual(Buffer.from(msgs[4]!.salt as Buffer), Buffer.from([1, 2, 3, 4]));
  assert.deepEqual(pick(5, 'parameterName', 'parameterValue'), { name: 'parameterStatus', parameterName: 'server_version', parameterValue: '15.8 (ThanoSQL-lite 0.1)' });
  assert.deepEqual(pick(6, 'processID', 'secretKey'), { name: 'backendKeyData', processID: 10001, secretKey: 123456 });
  assert.deepEqual({ ...(msgs[7]!.fields as object[])[0] }, { name: 'café', tableID: 16384, columnID: 2, dataTypeID: 1700, dataTypeSize: -1, dataTypeModifier: 786438, format: 'binary' });
  // pg-protocol decodes cells as UTF-8 strings; the multi-byte text proves byte lengths are right.
  assert.deepEqual(msgs[8]!.fields, ['héllo ✓', null, '\u0000\u0001']);
  assert.equal(msgs[9]!.text, 'SELECT 1');
  assert.deepEqual(pick(11, 'severity', 'code', 'message', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'dataType', 'constraint'), {
    name: 'error', severity: 'ERROR', code: '42P01', message: 'relation "t" does not exist', detail: 'd', hint: 'h',
    position: '15', schema: 's', table: 't', column: 'c', dataType: 'int4', constraint: 'n',
  });
  assert.deepEqual(pick(12, 'severity', 'code'), { name: 'notice', severity: 'WARNING', code: '25001' });
  assert.deepEqual(msgs[17]!.dataTypeIDs, [23, 25, 0xffffffff]);
  assert.deepEqual(pick(19, 'binary', 'columnTypes'), { name: 'copyInResponse', binary: false, columnTypes: [0, 0] });
  assert.equal((msgs[21]!.chunk as Buffer).toString(), 'a\tb\n');
  assert.equal(msgs[23]!.status, 'T');
});

test('a large DataRow grows the writer', async () => {
  const w = new codec.BufferWriter(4);
  const big = 'x'.repeat(100_000) + 'é';
  codec.writeDataRow(w, [big]);
  const [msg] = await parseAll(w.flush());
  assert.deepEqual(msg!.fields, [big]);
});
