import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDb } from '../helpers/db.js';
test('db', async () => {
  const h = await createTestDb();
  const r = await sql<{ n: number }>`select count(*)::int n from organizations`.execute(h.db);
  assert.equal(r.rows[0].n, 0);
  await sql`insert into audit_events (action, entity_kind) values ('x','y')`.execute(h.db);
  await assert.rejects(sql`delete from audit_events`.execute(h.db));
  await assert.rejects(sql`update audit_events set action='z'`.execute(h.db));
  await assert.rejects(sql`truncate audit_events`.execute(h.db));
  await h.close();
});
