/** Built-in functions and operators through SQL: results, result types and PostgreSQL's errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlError } from '../../../src/common/sql-error.js';
import { SqlHarness } from '../execution/sql-harness.js';

describe('scalar functions and operators', () => {
  let db: SqlHarness;
  before(async () => { db = await SqlHarness.open(); });
  after(async () => db.close());

  const one = async (sql: string) => (await db.run(`SELECT ${sql}`)).rows[0]![0];
  const text = async (sql: string) => String(await one(sql));
  async function fails(sql: string, code: string, message?: RegExp): Promise<void> {
    await assert.rejects(db.run(`SELECT ${sql}`), (err: unknown) => {
      assert.ok(err instanceof SqlError, String(err));
      assert.equal(err.code, code, err.message);
      if (message) assert.match(err.message, message);
      return true;
    });
  }

  it('integer arithmetic overflows and divides like PostgreSQL', async () => {
    await fails('2147483647 + 1', '22003', /integer out of range/);
    await fails('1 / 0', '22012', /division by zero/);
    await fails('1.5 / 0', '22012');
    assert.equal(await one('-7 / 2'), -3);
    assert.equal(await one('9223372036854775807::int8 - 1'), 9223372036854775806n);
    await fails('9223372036854775807::int8 + 1', '22003', /bigint out of range/);
  });

  it('numeric keeps PostgreSQL scales', async () => {
    assert.equal(await text('1 / 3::numeric'), '0.33333333333333333333');
    assert.equal(await text('round(2.5)'), '3');
    assert.equal(await text('round(2.5::float8)'), '2');
    assert.equal(await text('round(3.14159, 2)'), '3.14');
    assert.equal(await text('12345678901234567890.12 + 1'), '12345678901234567891.12');
  });

  it('string functions', async () => {
    assert.deepEqual((await db.run(`SELECT lower('AbC'), length('héllo'), substring('hello' from 2 for 3), position('l' in 'hello'),
      trim('  x  '), replace('aXbX', 'X', '-'), concat('a', NULL, 1), concat_ws('-', 'a', NULL, 'b'), left('hello', -2),
      lpad('7', 3, '0'), split_part('a,b,c', ',', 2), initcap('hello wORLD'), md5('a'), starts_with('hello', 'he'),
      format('%s=%L %I', 'k', 'v''s', 'Col')`)).rows[0],
    ['abc', 5, 'ell', 3, 'x', 'a-b-', 'a1', 'a-b', 'hel', '007', 'b', 'Hello World', '0cc175b9c0f1b6a831c399e269772661', true, "k='v''s' \"Col\""]);
  });

  it('LIKE, ILIKE and POSIX regular expressions', async () => {
    assert.deepEqual((await db.run(`SELECT 'abc' LIKE 'a%', 'a%c' LIKE 'a\\%c', 'ABC' ILIKE 'a_c', 'abc' LIKE 'a%%',
      'abc' ~ '^a[[:alpha:]]+$', 'ABC' ~* 'b', 'abc' !~ 'z', regexp_replace('a1b22', '[0-9]+', '#', 'g'),
      regexp_replace('John Smith', '(\\w+) (\\w+)', '\\2, \\1')`)).rows[0],
    [true, true, true, true, true, true, true, 'a#b#', 'Smith, John']);
  });

  it('null logic and conditional expressions', async () => {
    assert.deepEqual((await db.run(`SELECT NULL AND false, NULL OR true, NULL::int IS DISTINCT FROM 1, coalesce(NULL, 2, 3),
      nullif(1, 1), greatest(1, NULL, 3), least(2, 1), CASE WHEN 1 = 0 THEN 'a' ELSE 'b' END, CASE 2 WHEN 1 THEN 'x' END`)).rows[0],
    [false, true, true, 2, null, 3, 1, 'b', null]);
    assert.equal(await one('CASE WHEN false THEN 1 / 0 ELSE 1 END'), 1);
  });

  it('dates, timestamps and intervals', async () => {
    assert.equal(await text("to_char(date '2024-01-31' + 1, 'YYYY-MM-DD')"), '2024-02-01');
    assert.equal(await one("date '2024-03-01' - date '2024-02-01'"), 29);
    assert.equal(await text("to_char(timestamp '2024-01-31 10:00' + interval '1 month', 'YYYY-MM-DD HH24:MI')"), '2024-02-29 10:00');
    assert.equal(await text("extract(year from timestamp '2024-05-06 07:08:09')"), '2024');
    assert.equal(await one("date_part('dow', date '2024-05-05')"), 0);
    assert.equal(await text("to_char(date_trunc('month', timestamp '2024-05-06 07:08:09'), 'YYYY-MM-DD HH24:MI:SS')"), '2024-05-01 00:00:00');
    assert.equal((await db.run('SELECT now()')).columns![0]!.type.id, 'timestamptz');
    assert.equal(await text("make_date(2024, 2, 29)"), String(await one("date '2024-02-29'")));
  });

  it('arrays and the cosine kernel', async () => {
    assert.deepEqual((await db.run(`SELECT array_length(ARRAY[1,2,3], 1), cardinality(ARRAY['a']), ARRAY[1,2] || 3, (ARRAY[5,6])[2],
      array_to_string(ARRAY['a', NULL, 'b'], ',')`)).rows[0], [3, 1, [1, 2, 3], 6, 'a,b']);
    const cos = await one("cosine_similarity(ARRAY[1, 0]::real[], ARRAY[1, 1]::real[])") as number;
    assert.ok(Math.abs(cos - Math.SQRT1_2) < 1e-6);
  });

  it('system functions', async () => {
    assert.match(await text('version()'), /^PostgreSQL 15\./);
    assert.equal(await one('current_database()'), 'thanosql');
    assert.equal(await one('current_schema()'), 'public');
    assert.equal((await db.run("SELECT current_setting('search_path')", { settings: { search_path: 'public' } })).rows[0]![0], 'public');
    await fails("current_setting('nope')", '42704');
  });
});
