/** Trigger statements → our AST: timing and event bits, UPDATE OF, WHEN, arguments as text, DROP / RENAME / ENABLE forms. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../src/parser/index.js';

const statementOf = (sql: string) => parse(sql)[0]!.statement;

test('CREATE TRIGGER keeps timing, level, events in PostgreSQL order, columns and arguments as text', () => {
  const s = statementOf("CREATE OR REPLACE TRIGGER tr BEFORE UPDATE OF a, b OR INSERT ON s.t FOR EACH ROW WHEN (NEW.a > 1) EXECUTE PROCEDURE f('x', 42, 1.5)");
  assert.equal(s.kind, 'CreateTrigger');
  if (s.kind !== 'CreateTrigger') return;
  assert.deepEqual([s.name, s.replace, s.table, s.timing, s.level, s.events, s.updateColumns, s.functionName, s.args],
    ['tr', true, 's.t', 'before', 'row', ['insert', 'update'], ['a', 'b'], 'f', ['x', '42', '1.5']]);
  assert.equal(s.when?.kind, 'Binary');
});

test('statement level is the default; INSTEAD OF and TRUNCATE are read', () => {
  const a = statementOf('CREATE TRIGGER tr AFTER TRUNCATE OR DELETE ON t EXECUTE FUNCTION f()');
  const b = statementOf('CREATE TRIGGER tr INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION public.f()');
  assert.deepEqual(a.kind === 'CreateTrigger' ? [a.timing, a.level, a.events, a.args] : undefined, ['after', 'statement', ['delete', 'truncate'], []]);
  assert.deepEqual(b.kind === 'CreateTrigger' ? [b.timing, b.level, b.functionName] : undefined, ['instead', 'row', 'f']);
});

test('DROP TRIGGER, ALTER TRIGGER … RENAME and ENABLE / DISABLE TRIGGER', () => {
  assert.deepEqual(statementOf('DROP TRIGGER IF EXISTS tr ON s.t CASCADE'), { kind: 'DropTrigger', name: 'tr', table: 's.t', ifExists: true });
  assert.deepEqual(statementOf('ALTER TRIGGER tr ON t RENAME TO tr2'), { kind: 'RenameTrigger', name: 'tr', table: 't', newName: 'tr2' });
  const alter = statementOf('ALTER TABLE t DISABLE TRIGGER tr, ENABLE ALWAYS TRIGGER u, ENABLE TRIGGER ALL, DISABLE TRIGGER USER');
  assert.deepEqual(alter.kind === 'AlterTable' ? alter.actions : undefined, [
    { kind: 'EnableTrigger', which: 'named', name: 'tr', enabled: 'D' },
    { kind: 'EnableTrigger', which: 'named', name: 'u', enabled: 'A' },
    { kind: 'EnableTrigger', which: 'all', enabled: 'O' },
    { kind: 'EnableTrigger', which: 'user', enabled: 'D' },
  ]);
});
