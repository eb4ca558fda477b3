import type { Actor } from '../../platform/access/actor.js';
import { sql } from 'kysely';
import { visibleOrgIds } from '../../platform/access/scope.js';
import type { LocalDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/engine.js';
import { notFound } from '../../platform/errors.js';
import { type OrgRef, rollup, UNIT_GROUPS } from './plan.logic.js';
import { taskAbilities } from './plan.policy.js';
import type { Evidence } from './plan.tables.js';
import './plan.tables.js';

/** Units that can be named responsible in a plan: every active unit except internal sections. */
export async function loadOrgRefs(db: Executor): Promise<(OrgRef & { path: string })[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'short_name', 'kind', 'path'])
    .where('active', '=', true)
    .where('kind', '!=', 'section')
    .orderBy('sort_order')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, kind: r.kind, path: r.path }));
}

export async function loadAliases(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('plan_unit_aliases').select(['alias', 'org_id']).execute();
  return new Map(rows.map((r) => [r.alias, r.org_id]));
}

const unitDto = (u: {
  id: string | null;
  raw_name: string;
  resolution: string;
  org_id: string | null;
  org_name: string | null;
  group_key: string | null;
  lead: boolean;
}) => ({
  id: u.id,
  rawName: u.raw_name,
  resolution: u.resolution as 'org' | 'group' | 'unmatched' | 'ignored',
  orgId: u.org_id,
  orgName: u.org_name,
  groupKey: u.group_key,
  groupLabel: u.group_key ? (UNIT_GROUPS[u.group_key]?.label ?? u.group_key) : null,
  lead: u.lead,
});
export { unitDto };

async function planTasks(db: Executor, planId: string) {
  return db
    .selectFrom('plan_tasks')
    .innerJoin('organizations', 'organizations.id', 'plan_tasks.org_id')
    .select([
      'plan_tasks.id',
      'plan_tasks.item_id',
      'plan_tasks.org_id',
      'organizations.name as org_name',
      'plan_tasks.progress',
      'plan_tasks.weight',
      'plan_tasks.status',
      'plan_tasks.due_date',
    ])
    .where('plan_tasks.plan_id', '=', planId)
    .execute();
}

export async function planRollup(db: Executor, planId: string) {
  const chapters = await db
    .selectFrom('plan_chapters')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('seq')
    .execute();
  const items = await db.selectFrom('plan_items').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
  const tasks = await planTasks(db, planId);
  const r = rollup(
    chapters.map((c) => ({ id: c.id, weight: Number(c.weight) })),
    items.map((i) => ({ id: i.id, chapterId: i.chapter_id, weight: Number(i.weight) })),
    tasks.map((t) => ({ itemId: t.item_id, orgId: t.org_id, progress: t.progress, weight: Number(t.weight) })),
  );
  return { chapters, items, tasks, r };
}

export async function findPlan(db: Executor, id: string) {
  const p = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('实施方案');
  return p;
}

/** `day`: today in Beijing from the injected clock; tasks due before it are overdue. */
export async function planSummary(db: Executor, id: string, day: LocalDate) {
  const p = await findPlan(db, id);
  const { tasks, r } = await planRollup(db, id);
  const unmatched = await db
    .selectFrom('plan_item_units')
    .innerJoin('plan_items', 'plan_items.id', 'plan_item_units.item_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('plan_items.plan_id', '=', id)
    .where('plan_item_units.resolution', '=', 'unmatched')
    .executeTakeFirstOrThrow();
  return {
    id: p.id,
    title: p.title,
    docNo: p.doc_no,
    yearFrom: p.year_from,
    yearTo: p.year_to,
    status: p.status,
    defaultDueDate: p.default_due_date,
    progress: r.plan,
    tasks: tasks.length,
    overdueTasks: tasks.filter((t) => t.status === 'open' && t.due_date < day).length,
    unmatchedUnits: Number(unmatched.n),
    createdAt: p.created_at.toISOString(),
  };
}

export async function planDetail(db: Executor, id: string, day: LocalDate) {
  const summary = await planSummary(db, id, day);
  const { chapters, items, tasks, r } = await planRollup(db, id);
  const units = await db
    .selectFrom('plan_item_units')
    .innerJoin('plan_items', 'plan_items.id', 'plan_item_units.item_id')
    .leftJoin('organizations', 'organizations.id', 'plan_item_units.org_id')
    .select([
      'plan_item_units.id',
      'plan_item_units.item_id',
      'raw_name',
      'resolution',
      'plan_item_units.org_id',
      'organizations.name as org_name',
      'group_key',
      'lead',
    ])
    .where('plan_items.plan_id', '=', id)
    .orderBy('plan_item_units.position')
    .execute();
  const byUnit = new Map<string, { orgId: string; orgName: string; tasks: number; overdue: number }>();
  for (const t of tasks) {
    const u = byUnit.get(t.org_id) ?? { orgId: t.org_id, orgName: t.org_name, tasks: 0, overdue: 0 };
    u.tasks++;
    if (t.status === 'open' && t.due_date < day) u.overdue++;
    byUnit.set(t.org_id, u);
  }
  return {
    ...summary,
    chapters: chapters.map((c) => ({
      id: c.id,
      seq: c.seq,
      numeral: c.numeral,
      title: c.title,
      weight: Number(c.weight),
      progress: r.chapter.get(c.id) ?? null,
    })),
    items: items.map((i) => ({
      id: i.id,
      chapterId: i.chapter_id,
      seq: i.seq,
      numeral: i.numeral,
      title: i.title,
      body: i.body,
      general: i.general,
      line: i.line_no,
      weight: Number(i.weight),
      progress: r.item.get(i.id) ?? null,
      units: units.filter((u) => u.item_id === i.id).map(unitDto),
    })),
    units: [...byUnit.values()]
      .map((u) => ({ ...u, progress: r.unit.get(u.orgId) ?? null }))
      .sort((a, b) => (a.progress ?? 0) - (b.progress ?? 0)),
  };
}

function taskQuery(db: Executor) {
  return db
    .selectFrom('plan_tasks')
    .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
    .innerJoin('plan_chapters', 'plan_chapters.id', 'plan_items.chapter_id')
    .innerJoin('organizations', 'organizations.id', 'plan_tasks.org_id')
    .select([
      'plan_tasks.id',
      'plan_tasks.plan_id',
      'plan_tasks.item_id',
      'plan_items.seq as item_seq',
      'plan_items.numeral as item_numeral',
      'plan_items.title as item_title',
      'plan_items.body as item_body',
      'plan_chapters.title as chapter_title',
      'plan_tasks.org_id',
      'organizations.name as org_name',
      'organizations.path as org_path',
      'plan_tasks.lead',
      'plan_tasks.due_date',
      'plan_tasks.progress',
      'plan_tasks.weight',
      'plan_tasks.status',
      'plan_tasks.escalated_at',
      'plan_tasks.last_reported_at',
    ]);
}
type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

const taskDto = (t: TaskRow, actor: Actor | null, day: string) => ({
  id: t.id,
  planId: t.plan_id,
  itemId: t.item_id,
  itemSeq: t.item_seq,
  itemNumeral: t.item_numeral,
  itemTitle: t.item_title,
  chapterTitle: t.chapter_title,
  orgId: t.org_id,
  orgName: t.org_name,
  lead: t.lead,
  dueDate: t.due_date,
  progress: t.progress,
  weight: Number(t.weight),
  status: t.status,
  overdue: t.status === 'open' && t.due_date < day,
  escalated: t.escalated_at !== null,
  lastReportedAt: t.last_reported_at?.toISOString() ?? null,
  abilities: taskAbilities(actor, t.org_path, t.status),
});

export async function listTasks(
  db: Executor,
  actor: Actor,
  f: { planId?: string; orgId?: string; overdue?: boolean },
  day: LocalDate,
) {
  let q = taskQuery(db).where('plan_tasks.org_id', 'in', visibleOrgIds(db, actor));
  if (f.planId) q = q.where('plan_tasks.plan_id', '=', f.planId);
  if (f.orgId) q = q.where('plan_tasks.org_id', '=', f.orgId);
  if (f.overdue) q = q.where('plan_tasks.status', '=', 'open').where('plan_tasks.due_date', '<', day);
  const rows = await q.orderBy('plan_items.seq').orderBy('organizations.sort_order').limit(2000).execute();
  return rows.map((t) => taskDto(t, actor, day));
}

export async function taskDetail(db: Executor, actor: Actor, id: string, day: LocalDate) {
  const t = await taskQuery(db).where('plan_tasks.id', '=', id).executeTakeFirst();
  if (!t) throw notFound('任务');
  const reports = await db
    .selectFrom('plan_progress_reports')
    .leftJoin('users', 'users.id', 'plan_progress_reports.reported_by')
    .select([
      'plan_progress_reports.id',
      'progress_from',
      'progress_to',
      'note',
      'reason',
      'evidence',
      'users.display_name',
      'reported_at',
    ])
    .where('task_id', '=', id)
    .orderBy('reported_at')
    .orderBy('plan_progress_reports.seq')
    .execute();
  return {
    ...taskDto(t, actor, day),
    orgPath: t.org_path,
    itemBody: t.item_body,
    reports: reports.map((r) => ({
      id: r.id,
      from: r.progress_from,
      to: r.progress_to,
      note: r.note,
      reason: r.reason,
      evidence: (typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence) as Evidence[],
      reportedBy: r.display_name,
      reportedAt: r.reported_at.toISOString(),
    })),
  };
}

/**
 * An evidence file, only if the actor can see a task whose progress report cites it (files are stored once per
 * SHA-256 across units, so the hash alone is no permission). Anything else is 404: it does not exist for them.
 */
export async function visibleEvidenceFile(db: Executor, actor: Actor, sha256: string) {
  const cites = JSON.stringify([{ fileSha256: sha256 }]);
  const f = await db
    .selectFrom('plan_evidence_files')
    .select(['sha256', 'name', 'mime', 'content'])
    .where('sha256', '=', sha256)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('plan_progress_reports as r')
          .innerJoin('plan_tasks as t', 't.id', 'r.task_id')
          .select(sql<number>`1`.as('one'))
          .where(sql<boolean>`r.evidence @> ${cites}::jsonb`)
          .where('t.org_id', 'in', visibleOrgIds(db, actor)),
      ),
    )
    .executeTakeFirst();
  if (!f) throw notFound('附件');
  return f;
}
