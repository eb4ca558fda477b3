import type { Actor } from '../../platform/access/actor.js';
import { sql } from 'kysely';
import { visibleOrgIds } from '../../platform/access/scope.js';
import type { Executor } from '../../platform/db/engine.js';
import { notFound } from '../../platform/errors.js';
import { decisionsPolicy } from './decisions.policy.js';
import { summaryOf } from './decisions.presenter.js';
import { loadDecision, visibleDecisionIds } from './decisions.repo.js';
import { PLAN_RULE_ID } from './commands/plan-deadlines.js';

/** Catalogs the actor may see (staff), or only published ones (actor null: the portal). */
export async function listCatalogs(db: Executor, p: { actor: Actor | null; year?: number; bodyOrgId?: string }) {
  let q = db
    .selectFrom('decision_catalogs as c')
    .innerJoin('organizations as o', 'o.id', 'c.body_org_id')
    .select([
      'c.id',
      'c.body_org_id',
      'o.name as bodyName',
      'c.year',
      'c.title',
      'c.status',
      'c.version',
      'c.party_consent_ref',
      'c.party_consent_on',
      'c.published_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('decisions')
        .whereRef('decisions.catalog_id', '=', 'c.id')
        .where('decisions.in_catalog', '=', true)
        .where('decisions.status', '!=', 'withdrawn')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('items'),
    )
    .orderBy('c.year', 'desc')
    .orderBy('o.path');
  if (p.actor) {
    const actor = p.actor;
    // See decisionsPolicy.viewCatalog: the body's own scope, or a body above the actor's unit.
    q = q.where((eb) =>
      eb.or([
        eb('c.body_org_id', 'in', visibleOrgIds(db, actor)),
        sql<boolean>`${actor.orgPath} like ${sql.ref('o.path')} || '%'`,
      ]),
    );
  } else q = q.where('c.status', '=', 'published');
  if (p.year) q = q.where('c.year', '=', p.year);
  if (p.bodyOrgId) q = q.where('c.body_org_id', '=', p.bodyOrgId);
  const rows = await q.execute();
  return rows.map((c) => ({
    id: c.id,
    bodyOrgId: c.body_org_id,
    bodyName: c.bodyName,
    year: c.year,
    title: c.title,
    status: c.status,
    version: c.version,
    partyConsentRef: c.party_consent_ref,
    partyConsentOn: c.party_consent_on,
    publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
    items: Number(c.items ?? 0),
  }));
}

/** Pure: year-on-year change in percent, one decimal (the seeds report "20 items, +81.8%"). */
export function yoyPct(current: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

async function countItems(db: Executor, catalogId: string) {
  const r = await db
    .selectFrom('decisions')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('catalog_id', '=', catalogId)
    .where('in_catalog', '=', true)
    .where('status', '!=', 'withdrawn')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Items, year-on-year change against the same body's previous-year catalog, and completion on schedule:
 * of the items whose planned date has passed (or that are completed), how many reached completion by it.
 */
export async function catalogStats(db: Executor, actor: Actor | null, catalogId: string, today: string) {
  const c = await db
    .selectFrom('decision_catalogs as c')
    .innerJoin('organizations as o', 'o.id', 'c.body_org_id')
    .select(['c.id', 'c.year', 'c.body_org_id', 'c.status', 'o.path'])
    .where('c.id', '=', catalogId)
    .executeTakeFirst();
  if (!c || (!actor && c.status !== 'published')) throw notFound('决策事项目录');
  if (actor && !decisionsPolicy.viewCatalog(actor, c.path)) throw notFound('决策事项目录');
  const items = await countItems(db, c.id);
  const prev = await db
    .selectFrom('decision_catalogs')
    .select('id')
    .where('body_org_id', '=', c.body_org_id)
    .where('year', '=', c.year - 1)
    .executeTakeFirst();
  const previousItems = prev ? await countItems(db, prev.id) : null;
  const rows = await db
    .selectFrom('decisions')
    .select(['planned_completion_on', 'completed_on', 'status'])
    .where('catalog_id', '=', c.id)
    .where('in_catalog', '=', true)
    .where('status', '!=', 'withdrawn')
    .execute();
  const due = rows.filter((r) => r.planned_completion_on < today || r.completed_on !== null);
  const onSchedule = due.filter((r) => r.completed_on !== null && r.completed_on <= r.planned_completion_on).length;
  return {
    items,
    previousItems,
    yoyPct: yoyPct(items, previousItems),
    due: due.length,
    onSchedule,
    onSchedulePct: due.length ? Math.round((onSchedule / due.length) * 1000) / 10 : null,
  };
}

/**
 * Monthly supervision (月月督): every visible item with its stage, the planned date, open stage deadlines
 * from the deadline engine, and per responsible unit the number of items and overdue ones.
 */
export async function monthlySupervision(db: Executor, actor: Actor, today: string, year?: number) {
  let q = db
    .selectFrom('decisions')
    .innerJoin('decision_catalogs', 'decision_catalogs.id', 'decisions.catalog_id')
    .select('decisions.id')
    .where('decisions.id', 'in', visibleDecisionIds(db, actor))
    .where('decisions.status', 'not in', ['archived', 'withdrawn']);
  if (year) q = q.where('decision_catalogs.year', '=', year);
  const ids = await q.orderBy('decisions.planned_completion_on').execute();
  const deadlines = ids.length
    ? await db
        .selectFrom('deadlines')
        .select(['entity_id', 'due_date', 'rule_id'])
        .where('entity_kind', '=', 'decision')
        .where('status', '!=', 'closed')
        .where(
          'entity_id',
          'in',
          ids.map((i) => i.id),
        )
        .execute()
    : [];
  const items = [];
  for (const { id } of ids) {
    const d = (await loadDecision(db, id))!;
    const mine = deadlines.filter((x) => x.entity_id === id && x.due_date);
    // Stage deadlines (comment period, legality review); the catalog plan date is reported on its own.
    const dl =
      mine
        .filter((x) => x.rule_id !== PLAN_RULE_ID)
        .map((x) => x.due_date!)
        .sort()[0] ?? null;
    const plan = mine.find((x) => x.rule_id === PLAN_RULE_ID)?.due_date ?? null;
    items.push({
      ...summaryOf(d, today),
      stageDeadline: dl,
      stageOverdue: dl !== null && dl < today,
      planDeadline: plan,
    });
  }
  const units = new Map<string, { leadName: string; total: number; overdue: number }>();
  for (const i of items) {
    const u = units.get(i.leadName) ?? { leadName: i.leadName, total: 0, overdue: 0 };
    u.total++;
    if (i.overdue || i.stageOverdue) u.overdue++;
    units.set(i.leadName, u);
  }
  return { asOf: today, items, byUnit: [...units.values()].sort((a, b) => b.overdue - a.overdue || b.total - a.total) };
}
