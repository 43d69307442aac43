/**
 * types/TYPE_INFO and functions/system/PG_TYPE_FACTS both hold each type's OID, array OID, length
 * and category (the first for the wire and casts, the second for pg_type). They must agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PG_TYPE_FACTS } from '../../../src/functions/system/pg-type-facts.js';
import { TYPE_INFO, type ScalarTypeId } from '../../../src/types/sql-type.js';

test('every TYPE_INFO entry matches its pg_type facts', () => {
  for (const [id, info] of Object.entries(TYPE_INFO) as [ScalarTypeId, (typeof TYPE_INFO)[ScalarTypeId]][]) {
    // `enum` stands for every user enum, each with OIDs of its own (pg_type rows from the catalog).
    if (id === 'enum') continue;
    const facts = PG_TYPE_FACTS.get(info.oid);
    assert.ok(facts, `${id}: no pg_type facts for OID ${info.oid}`);
    assert.equal(facts.typname, id, `OID ${info.oid}`);
    assert.equal(facts.typarray, info.arrayOid, `${id} typarray`);
    assert.equal(facts.typlen, info.typlen, `${id} typlen`);
    assert.equal(facts.typcategory, info.category, `${id} typcategory`);
    if (info.arrayOid !== 0) assert.equal(PG_TYPE_FACTS.get(info.arrayOid)?.typelem, info.oid, `${id}[] typelem`);
  }
});
