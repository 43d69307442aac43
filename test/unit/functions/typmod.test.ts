/** numeric(p,s) typmods: rounding to the scale sets the display scale; overflow is 22003. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal } from 'decimal.js';
import { SqlError } from '../../../src/common/sql-error.js';
import { applyTypmod } from '../../../src/functions/typmod.js';
import { formatNumeric } from '../../../src/types/numeric-codec.js';
import type { SqlType } from '../../../src/types/sql-type.js';

/** numeric(10,2): typmod = (precision << 16 | scale) + VARHDRSZ. */
const NUMERIC_10_2: SqlType = { id: 'numeric', array: false, typmod: ((10 << 16) | 2) + 4 };
const apply = (text: string): string => formatNumeric(applyTypmod(new Decimal(text), NUMERIC_10_2, false) as Decimal);

test('numeric(10,2) rounds half away from zero and pads to the scale', () => {
  assert.equal(apply('1'), '1.00');
  assert.equal(apply('2.5'), '2.50');
  assert.equal(apply('3.456'), '3.46');
  assert.equal(apply('-3.455'), '-3.46');
});

test('numeric(10,2) overflow is 22003 numeric field overflow', () => {
  assert.throws(() => apply('123456789.1'), (e: unknown) => e instanceof SqlError && e.code === '22003' && /numeric field overflow/.test(e.message));
  assert.equal(apply('99999999.994'), '99999999.99');
});
