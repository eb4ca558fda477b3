import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { isValidLocalDate } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { conflict, unprocessable } from '../../../platform/errors.js';
import { UNIT_GROUPS } from '../plan.logic.js';
import { loadOrgRefs } from '../plan.repo.js';
import { nowOf } from '../../../platform/clock.js';

/**
 * Generate one task per (item, responsible unit), expanding collective designations ("各街镇") to the units
 * of that kind. Refused while any name is unmatched. Idempotent: existing tasks are kept, so running it
 * again after a new unit is confirmed only adds the missing tasks.
 */
export async function decomposePlan(
  db: Db,
  ctx: RequestCtx,
  planId: string,
  dueDate: string,
  opts: {
    /** A due date per item (e.g. staggered by chapter); items it returns undefined for get `dueDate`. */
    itemDue?: (item: { seq: number; chapterSeq: number }) => string | undefined;
  } = {},
): Promise<{ created: number }> {
  if (!isValidLocalDate(dueDate)) throw unprocessable('完成期限不是有效日期', { field: 'dueDate' });
  return db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!plan) throw unprocessable('实施方案不存在');
    if (plan.status === 'closed') throw conflict('实施方案已结束，不能再分解任务');
    const inPlan = (d: string) => d >= `${plan.year_from}-01-01` && d <= `${plan.year_to}-12-31`;
    if (!inPlan(dueDate)) {
      throw unprocessable(`完成期限应在方案期限 ${plan.year_from}—${plan.year_to} 年之内`, { field: 'dueDate' });
    }
    const units = await trx
      .selectFrom('plan_item_units')
      .innerJoin('plan_items', 'plan_items.id', 'plan_item_units.item_id')
      .innerJoin('plan_chapters', 'plan_chapters.id', 'plan_items.chapter_id')
      .select([
        'plan_chapters.seq as chapter_seq',
        'plan_item_units.item_id',
        'raw_name',
        'resolution',
        'plan_item_units.org_id',
        'group_key',
        'lead',
        'plan_items.seq',
      ])
      .where('plan_items.plan_id', '=', planId)
      .where('plan_items.general', '=', false)
      .execute();
    const unmatched = [...new Set(units.filter((u) => u.resolution === 'unmatched').map((u) => u.raw_name))];
    if (unmatched.length) {
      throw unprocessable(
        `还有 ${unmatched.length} 个责任单位名称未确认（${unmatched.join('、')}），请先在“责任单位确认”中逐一对应或说明不纳入理由`,
        { unmatched },
      );
    }
    const orgs = await loadOrgRefs(trx);
    const wanted = new Map<string, { itemId: string; orgId: string; lead: boolean; due: string }>();
    for (const u of units) {
      const due = opts.itemDue?.({ seq: u.seq, chapterSeq: u.chapter_seq }) ?? dueDate;
      if (!isValidLocalDate(due) || !inPlan(due))
        throw unprocessable(`条目（${u.seq}）的完成期限 ${due} 无效或不在方案期限之内`, { field: 'dueDate' });
      const targets =
        u.resolution === 'org'
          ? [u.org_id!]
          : u.resolution === 'group'
            ? orgs.filter((o) => UNIT_GROUPS[u.group_key!]?.kinds.includes(o.kind)).map((o) => o.id)
            : [];
      for (const orgId of targets) {
        const key = `${u.item_id}:${orgId}`;
        const prev = wanted.get(key);
        wanted.set(key, { itemId: u.item_id, orgId, lead: (prev?.lead ?? false) || u.lead, due });
      }
    }
    const rows = [...wanted.values()].map((w) => ({
      plan_id: planId,
      item_id: w.itemId,
      org_id: w.orgId,
      lead: w.lead,
      due_date: w.due,
    }));
    let created = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const ins = await trx
        .insertInto('plan_tasks')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['item_id', 'org_id']).doNothing())
        .returning('id')
        .execute();
      created += ins.length;
    }
    await trx
      .updateTable('plans')
      .set({ status: 'active', default_due_date: dueDate, updated_at: nowOf(ctx) })
      .where('id', '=', planId)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'plan.decomposed',
      entityKind: 'plan',
      entityId: planId,
      data: { tasksCreated: created, dueDate, ...(opts.itemDue ? { itemDueDates: true } : {}) },
    });
    return { created };
  });
}
