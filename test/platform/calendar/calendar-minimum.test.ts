import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemCtx } from '../../../src/platform/access/actor.js';
import { registerDeadline } from '../../../src/platform/calendar/index.js';
import { auditFor, createTestApp, type TestApp } from '../../helpers/app.js';

describe('deadlines for "at least N days" periods hold the date the unit chose', () => {
  let t: TestApp;
  let scj: string;
  before(async () => {
    t = await createTestApp();
    scj = await t.orgId('SCJ');
  });
  after(() => t.close());

  const register = (entityId: string, endDate: string | undefined, shortenedReason?: string) =>
    t.db.transaction().execute((trx) =>
      registerDeadline(trx, systemCtx(), {
        entityKind: 'comment_period',
        entityId,
        ruleId: 'decision.comment_period',
        triggerDate: '2026-09-20',
        orgId: scj,
        endDate,
        shortenedReason,
      }),
    );

  test('a comment period of at least 30 days is held at the chosen end date, with a trace', async () => {
    const row = await register('cp-1', '2026-10-31');
    assert.equal(row.due_date, '2026-10-31');
    assert.equal(row.fixed_due_date, '2026-10-31');
    assert.match(row.trace, /期间长度符合要求/);
    assert.match(row.trace, /由承办单位确定/);
    assert.equal((await auditFor(t.db, 'comment_period', 'cp-1')).length, 1);
  });

  test('too short without a reason is refused (422) and nothing is stored', async () => {
    await assert.rejects(register('cp-2', '2026-10-10'), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'unprocessable');
      assert.match(e.message, /期间不足/);
      assert.match(e.message, /须说明理由/);
      return true;
    });
    const rows = await t.db.selectFrom('deadlines').select('id').where('entity_id', '=', 'cp-2').execute();
    assert.equal(rows.length, 0);
    assert.equal((await auditFor(t.db, 'comment_period', 'cp-2')).length, 0);
  });

  test('shorter with a stated reason is accepted and the reason is in the trace', async () => {
    const row = await register('cp-3', '2026-10-10', '突发公共卫生事件应对，需尽快出台');
    assert.equal(row.due_date, '2026-10-10');
    assert.match(row.trace, /缩短理由：突发公共卫生事件应对/);
  });

  test('a minimum rule without an end date is refused', async () => {
    await assert.rejects(register('cp-4', undefined), /须提供截止日期/);
  });
});
