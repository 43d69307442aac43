/**
 * A misspelt column gets PostgreSQL 15's "Perhaps you meant to reference the column …" hint
 * (issue 10): the same statements on a throwaway PostgreSQL 15 and on our server, through `pg`,
 * give the same SQLSTATE, message and hint.
 */
import pg from 'pg';
import { describeSameAsPostgres } from './same-as-postgres.js';

const SETUP = [
  'CREATE TABLE photos (photo_id text, image_path text, photo_description text, width int)',
  'CREATE TABLE people (id int, name text, names text, email text)',
];

const CASES = [
  'SELECT image_pth FROM photos',
  'SELECT photos.photo_descriptoin FROM photos',
  'SELECT p.widht FROM photos p',
  'SELECT nmae FROM people',
  'SELECT namess FROM people',
  'SELECT id FROM people WHERE emial = 1',
  'SELECT x.name FROM people x, photos y WHERE y.photoid = x.id',
  'SELECT wdth FROM photos, people',
  'SELECT zzzzzz FROM photos',
  'SELECT nm FROM people',
  'SELECT (SELECT widht) FROM photos',
];

async function outcomes(client: pg.Client): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const sql of CASES) {
    try {
      await client.query(sql);
      out.push({ sql, ok: true });
    } catch (err) {
      const e = err as pg.DatabaseError;
      out.push({ sql, code: e.code, message: e.message, hint: e.hint ?? null });
    }
  }
  return out;
}

describeSameAsPostgres({
  suite: 'column hints match PostgreSQL 15',
  test: 'same code, message and hint for every misspelling',
  database: 'hints',
  setup: SETUP,
  outcomes,
});
