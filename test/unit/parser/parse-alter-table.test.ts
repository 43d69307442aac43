/** ALTER TABLE / INDEX / VIEW / SEQUENCE: the actions the converter produces, in the order written. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../../src/parser/index.js';

const one = (sql: string) => parse(sql)[0]!.statement;

test('several actions keep their order and options', () => {
  const s = one(`ALTER TABLE IF EXISTS t ALTER a TYPE bigint USING a * 2, ALTER b SET DEFAULT 1, ALTER c DROP DEFAULT,
    ALTER d SET NOT NULL, ALTER e DROP NOT NULL, ADD CONSTRAINT ck CHECK (a > 0) NOT VALID, DROP CONSTRAINT IF EXISTS x CASCADE,
    VALIDATE CONSTRAINT y, ALTER f SET STATISTICS 50, ALTER g SET STORAGE main`);
  assert.equal(s.kind, 'AlterTable');
  if (s.kind !== 'AlterTable') return;
  assert.equal(s.ifExists, true);
  assert.deepEqual(s.actions.map((a) => a.kind), [
    'AlterColumnType', 'SetDefault', 'SetDefault', 'SetNotNull', 'DropNotNull', 'AddConstraint', 'DropConstraint',
    'ValidateConstraint', 'SetStatistics', 'SetStorage',
  ]);
  const [type, setDefault, dropDefault, , , check, drop] = s.actions;
  assert.ok(type?.kind === 'AlterColumnType' && type.using !== undefined && type.type.name === 'int8');
  assert.ok(setDefault?.kind === 'SetDefault' && setDefault.value !== undefined);
  assert.ok(dropDefault?.kind === 'SetDefault' && dropDefault.value === undefined);
  assert.ok(check?.kind === 'AddConstraint' && check.constraint.kind === 'Check' && check.constraint.notValid === true);
  assert.deepEqual(drop, { kind: 'DropConstraint', name: 'x', ifExists: true, cascade: true });
});

test('MATCH FULL and NO INHERIT are kept; MATCH PARTIAL is 0A000', () => {
  const s = one('ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES p MATCH FULL, ADD CHECK (a > 0) NO INHERIT');
  assert.ok(s.kind === 'AlterTable');
  const [fk, check] = s.kind === 'AlterTable' ? s.actions : [];
  assert.ok(fk?.kind === 'AddConstraint' && fk.constraint.references?.matchFull === true);
  assert.ok(check?.kind === 'AddConstraint' && check.constraint.noInherit === true);
  assert.throws(() => parse('ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES p MATCH PARTIAL'), (e: Error & { code?: string }) => e.code === '0A000');
});

test('renames of each relation kind, columns and constraints', () => {
  assert.deepEqual(one('ALTER INDEX IF EXISTS i RENAME TO j'),
    { kind: 'AlterTable', name: 'i', ifExists: true, relkind: 'index', actions: [{ kind: 'RenameTable', to: 'j' }] });
  assert.deepEqual(one('ALTER VIEW v RENAME COLUMN a TO b'),
    { kind: 'AlterTable', name: 'v', ifExists: false, relkind: 'view', actions: [{ kind: 'RenameColumn', from: 'a', to: 'b' }] });
  assert.deepEqual(one('ALTER TABLE t RENAME CONSTRAINT c TO d'),
    { kind: 'AlterTable', name: 't', ifExists: false, actions: [{ kind: 'RenameConstraint', from: 'c', to: 'd' }] });
});
