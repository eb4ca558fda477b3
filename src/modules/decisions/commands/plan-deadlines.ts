import type { RequestCtx } from '../../../platform/access/actor.js';
import {
  addCalendarDays,
  closeDeadline,
  type LocalDate,
  registerDeadline,
  today,
} from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/engine.js';
import { nowOf } from '../../../platform/clock.js';

/**
 * The catalog's planned completion dates as deadlines (《重大行政决策程序暂行条例》第三条第三款: the catalog is
 * published and adjusted; 《上海市重大行政决策事项目录管理办法》: the district government office supervises each
 * listed matter end to end). The date is the decision body's own choice, so the rule is an "at least" rule held
 * at the chosen end date (like the comment period): the engine keeps the date as the due date, the sweep flags it
 * due soon and overdue and notifies the responsible unit, and closing it records whether it was met.
 */
export const PLAN_RULE_ID = 'decision.catalog_plan';

/** The plan period counts from the eve of the catalog year, so any date in the catalog year is after it. */
export const planTrigger = (catalogYear: number): LocalDate => addCalendarDays(`${catalogYear}-01-01`, -1);

const closeOn = (trigger: string, on: string) => (on < trigger ? trigger : on);

async function openPlanDeadlines(ex: Executor, decisionIds: string[]) {
  if (decisionIds.length === 0) return [];
  return ex
    .selectFrom('deadlines')
    .select(['id', 'entity_id', 'fixed_due_date', 'trigger_date'])
    .where('entity_kind', '=', 'decision')
    .where('rule_id', '=', PLAN_RULE_ID)
    .where('status', '!=', 'closed')
    .where('entity_id', 'in', decisionIds)
    .orderBy('created_at')
    .execute();
}

/**
 * Brings the plan deadlines of a published catalog in line with its items: each live item (not withdrawn,
 * completed or archived) has exactly one open deadline due on its planned date. A deadline whose date was
 * adjusted is closed today and a new one registered. Runs inside the publishing transaction.
 */
export async function syncPlanDeadlines(trx: Executor, ctx: RequestCtx, catalogId: string): Promise<number> {
  const cat = await trx
    .selectFrom('decision_catalogs')
    .select(['year', 'status'])
    .where('id', '=', catalogId)
    .executeTakeFirstOrThrow();
  if (cat.status !== 'published') return 0;
  const items = await trx
    .selectFrom('decisions')
    .select(['id', 'title', 'lead_org_id', 'planned_completion_on'])
    .where('catalog_id', '=', catalogId)
    .where('in_catalog', '=', true)
    .where('status', 'not in', ['withdrawn', 'completed', 'archived'])
    .orderBy('seq')
    .execute();
  const open = await openPlanDeadlines(
    trx,
    items.map((i) => i.id),
  );
  const trigger = planTrigger(cat.year);
  let registered = 0;
  for (const i of items) {
    const mine = open.filter((o) => o.entity_id === i.id);
    if (mine.length === 1 && mine[0].fixed_due_date === i.planned_completion_on) continue;
    for (const m of mine) await closeDeadline(trx, ctx, m.id, { on: closeOn(m.trigger_date, today(nowOf(ctx))) });
    await registerDeadline(trx, ctx, {
      entityKind: 'decision',
      entityId: i.id,
      ruleId: PLAN_RULE_ID,
      triggerDate: trigger,
      endDate: i.planned_completion_on,
      orgId: i.lead_org_id,
      label: `「${i.title}」`,
    });
    registered++;
  }
  return registered;
}

/** Closes an item's plan deadline when it is completed (dated on the completion date, so "met" is on schedule). */
export async function closePlanDeadline(trx: Executor, ctx: RequestCtx, decisionId: string, on: string) {
  for (const m of await openPlanDeadlines(trx, [decisionId]))
    await closeDeadline(trx, ctx, m.id, { on: closeOn(m.trigger_date, on) });
}
