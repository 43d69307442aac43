/** Session, transaction, cursor and COPY statements parsed by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../src/parser/index.js';
import type { Statement } from '../../../src/parser/ast.js';

const cases: [string, Statement][] = [
  ['BEGIN', { kind: 'Transaction', action: 'BEGIN' }],
  ['begin work isolation level repeatable read, read only', { kind: 'Transaction', action: 'BEGIN', modes: { isolation: 'repeatable read', readOnly: true } }],
  ['START TRANSACTION READ WRITE', { kind: 'Transaction', action: 'START', modes: { readOnly: false } }],
  ['COMMIT AND CHAIN', { kind: 'Transaction', action: 'COMMIT', chain: true }],
  ['ROLLBACK AND NO CHAIN', { kind: 'Transaction', action: 'ROLLBACK' }],
  ['END', { kind: 'Transaction', action: 'COMMIT' }],
  ['ABORT', { kind: 'Transaction', action: 'ROLLBACK' }],
  ['SAVEPOINT sp1', { kind: 'Transaction', action: 'SAVEPOINT', savepoint: 'sp1' }],
  ['RELEASE SAVEPOINT sp1', { kind: 'Transaction', action: 'RELEASE', savepoint: 'sp1' }],
  ['ROLLBACK TO sp1', { kind: 'Transaction', action: 'ROLLBACK_TO', savepoint: 'sp1' }],
  ['SET extra_float_digits = 3', { kind: 'Set', name: 'extra_float_digits', value: '3', local: false }],
  ["SET application_name = 'JdbcProbe'", { kind: 'Set', name: 'application_name', value: 'JdbcProbe', local: false }],
  ['SET LOCAL search_path TO public, "$user"', { kind: 'Set', name: 'search_path', value: 'public, $user', local: true }],
  ["SET TIME ZONE 'UTC'", { kind: 'Set', name: 'timezone', value: 'UTC', local: false }],
  ["SET NAMES 'UTF8'", { kind: 'Set', name: 'client_encoding', value: 'UTF8', local: false }],
  ['SET x TO DEFAULT', { kind: 'Set', name: 'x', local: false }],
  ['SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED', { kind: 'SetTransaction', session: true, modes: { isolation: 'read committed' } }],
  ['SET TRANSACTION READ ONLY', { kind: 'SetTransaction', session: false, modes: { readOnly: true } }],
  ['SET TRANSACTION ISOLATION LEVEL SERIALIZABLE NOT DEFERRABLE', { kind: 'SetTransaction', session: false, modes: { isolation: 'serializable', deferrable: false } }],
  ['ANALYZE s.t (a)', { kind: 'Maintenance', command: 'ANALYZE', tables: [{ name: 's.t', columns: ['a'] }] }],
  ['SHOW ALL', { kind: 'Show', name: 'all' }],
  ['SHOW TRANSACTION ISOLATION LEVEL', { kind: 'Show', name: 'transaction_isolation' }],
  ['RESET ALL', { kind: 'Reset', name: 'all' }],
  ['DISCARD ALL', { kind: 'Discard', what: 'ALL' }],
  ['DEALLOCATE PREPARE s1', { kind: 'Deallocate', name: 's1' }],
  ['DEALLOCATE ALL', { kind: 'Deallocate' }],
  ['UNLISTEN *', { kind: 'NoOp', tag: 'UNLISTEN' }],
  ['LISTEN chan', { kind: 'NoOp', tag: 'LISTEN' }],
  ["NOTIFY chan, 'x'", { kind: 'NoOp', tag: 'NOTIFY' }],
  ['FETCH FORWARD 50 FROM c1', { kind: 'FetchCursor', name: 'c1', direction: 'FORWARD', count: 50, move: false }],
  ['FETCH ALL IN c1', { kind: 'FetchCursor', name: 'c1', direction: 'FORWARD', count: Infinity, move: false }],
  ['MOVE NEXT c1', { kind: 'FetchCursor', name: 'c1', direction: 'FORWARD', count: 1, move: true }],
  ['FETCH PRIOR FROM c1', { kind: 'FetchCursor', name: 'c1', direction: 'BACKWARD', count: 1, move: false }],
  ['FETCH LAST FROM c1', { kind: 'FetchCursor', name: 'c1', direction: 'ABSOLUTE', count: -1, move: false }],
  ['MOVE BACKWARD ALL IN c1', { kind: 'FetchCursor', name: 'c1', direction: 'BACKWARD', count: Infinity, move: true }],
  ['FETCH RELATIVE -2 c1', { kind: 'FetchCursor', name: 'c1', direction: 'RELATIVE', count: -2, move: false }],
  ['CLOSE ALL', { kind: 'CloseCursor' }],
  ['COPY t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER \';\', NULL \'\')',
    { kind: 'CopyFrom', table: 't', columns: ['a', 'b'], options: { format: 'csv', header: true, delimiter: ';', null: '' } }],
  ["COPY \"customers\" FROM stdin WITH DELIMITER AS '\t' NULL AS '\\N'",
    { kind: 'CopyFrom', table: 'customers', options: { format: 'text', header: false, delimiter: '\t', null: '\\N' } }],
  ['COPY t FROM STDIN WITH CSV HEADER', { kind: 'CopyFrom', table: 't', options: { format: 'csv', header: true } }],
  ['COPY public.customers TO STDOUT (FORMAT csv)', { kind: 'CopyTo', source: { kind: 'table', table: 'public.customers' }, options: { format: 'csv', header: false } }],
];

for (const [sql, expected] of cases) {
  test(sql, () => assert.deepEqual(parse(sql)[0]!.statement, expected));
}

test('DECLARE, EXPLAIN, advisory unlock', () => {
  const d = parse('DECLARE c1 BINARY NO SCROLL CURSOR WITH HOLD FOR SELECT 1')[0]!.statement;
  assert.deepEqual(d.kind === 'DeclareCursor' && [d.name, d.binary, d.scroll, d.hold, d.query.kind], ['c1', true, false, true, 'Select']);
  const e = parse('EXPLAIN ANALYZE SELECT 1')[0]!.statement;
  assert.deepEqual(e.kind === 'Explain' && [e.analyze, e.statement.kind], [true, 'QueryStatement']);
  assert.equal(parse('SELECT pg_advisory_unlock_all()')[0]!.statement.kind, 'QueryStatement');
});
