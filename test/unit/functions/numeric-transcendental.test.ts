/** numeric sqrt/exp/ln/log/power: PostgreSQL 15's result scales (values from a real PostgreSQL 15). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal } from 'decimal.js';
import { SqlError } from '../../../src/common/sql-error.js';
import { numericExp, numericLn, numericLog, numericPower, numericSqrt } from '../../../src/functions/numeric-transcendental.js';
import { formatNumeric, withScale } from '../../../src/types/numeric-codec.js';

/** A numeric literal as PostgreSQL reads it (display scale = digits written). */
const n = (text: string): Decimal => withScale(new Decimal(text), text.includes('.') ? text.split('.')[1]!.length : 0);
const show = (d: Decimal): string => formatNumeric(d);

test('sqrt scale follows the input weight', () => {
  assert.equal(show(numericSqrt(n('2'))), '1.414213562373095');
  assert.equal(show(numericSqrt(n('100'))), '10.000000000000000');
  assert.equal(show(numericSqrt(n('0.0001'))), '0.01000000000000000');
  assert.equal(show(numericSqrt(n('123456789.123'))), '11111.11106609056');
  assert.throws(() => numericSqrt(n('-1')), (e: unknown) => e instanceof SqlError && e.code === '2201F');
});

test('exp and ln keep 16 significant digits', () => {
  assert.equal(show(numericExp(n('1'))), '2.7182818284590452');
  assert.equal(show(numericExp(n('10.5'))), '36315.502674246638');
  assert.equal(show(numericExp(n('-10.5'))), '0.00002753644934974716');
  assert.equal(show(numericLn(n('2'))), '0.6931471805599453');
  assert.equal(show(numericLn(n('1.05'))), '0.048790164169432003');
  assert.throws(() => numericLn(n('0')), (e: unknown) => e instanceof SqlError && e.code === '2201E');
});

test('log and power', () => {
  assert.equal(show(numericLog(n('10'), n('1000'))), '3.0000000000000000');
  assert.equal(show(numericLog(n('10'), n('0.5'))), '-0.3010299956639812');
  assert.equal(show(numericPower(n('2'), n('0.5'))), '1.4142135623730950');
  assert.equal(show(numericPower(n('2'), n('10'))), '1024.0000000000000000');
  assert.equal(show(numericPower(n('10'), n('-3'))), '0.0010000000000000');
  assert.equal(show(numericPower(n('0.5'), n('100.5'))), '0.0000000000000000000000000000005578088954947358');
  assert.equal(show(numericPower(n('123.456'), n('7.5'))), '4856702621551987.189');
  assert.equal(show(numericPower(n('0'), n('0'))), '1.0000000000000000');
  assert.throws(() => numericPower(n('0'), n('-1')), (e: unknown) => e instanceof SqlError && e.code === '2201F');
});
