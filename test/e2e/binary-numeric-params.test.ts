/**
 * Binary-format numeric parameters that PostgreSQL's numeric_recv refuses (a negative or
 * oversized display scale, a digit ≥ 10000, an unknown sign) are 22P03 with its wording —
 * found as XX000 by wire fuzzing (issue 7). A valid one still decodes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize } from 'pg-protocol';
import { RawClient } from './raw-client.js';
import { startTestServer, type TestServer } from './wire-server.js';

const NUMERIC_OID = 1700;
const POS = 0x0000;

/** numeric's binary form: ndigits, weight, sign, dscale, then base-10000 digits. */
function numeric(weight: number, sign: number, dscale: number, digits: readonly number[]): Buffer {
  const b = Buffer.alloc(8 + 2 * digits.length);
  b.writeInt16BE(digits.length, 0);
  b.writeInt16BE(weight, 2);
  b.writeUInt16BE(sign, 4);
  b.writeInt16BE(dscale, 6);
  digits.forEach((d, i) => b.writeInt16BE(d, 8 + 2 * i));
  return b;
}

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

async function run(param: Buffer): Promise<{ error?: Record<string, unknown>; text?: string }> {
  const c = await RawClient.connect(server.port);
  try {
    c.send(serialize.parse({ text: 'SELECT $1::numeric::text', types: [NUMERIC_OID] }),
      serialize.bind({ values: [param] }), serialize.execute({}), serialize.sync());
    const msgs = await c.until('readyForQuery');
    const error = msgs.find((m) => m.name === 'error');
    if (error) return { error };
    const row = msgs.find((m) => m.name === 'dataRow');
    return { text: String((row?.fields as unknown[])[0]) };
  } finally {
    c.close();
  }
}

test('binary numeric parameters: bad scale, digit or sign → 22P03; a valid one decodes', { timeout: 30_000 }, async () => {
  const cases: [Buffer, string][] = [
    [numeric(0, POS, -1, [12]), 'invalid scale in external "numeric" value'],
    [numeric(0, POS, 0x7fff, [12]), 'invalid scale in external "numeric" value'],
    [numeric(0, POS, 0, [10000]), 'invalid digit in external "numeric" value'],
    [numeric(0, POS, 0, [-3]), 'invalid digit in external "numeric" value'],
    [numeric(0, 0x1234, 0, [1]), 'invalid sign in external "numeric" value'],
  ];
  for (const [param, message] of cases) {
    const { error } = await run(param);
    assert.equal(error?.code, '22P03', message);
    assert.equal(error?.message, message);
  }
  assert.deepEqual(await run(numeric(0, POS, 2, [12, 3400])), { text: '12.34' });
});
