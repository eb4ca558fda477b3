import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { registerDeadline } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import type { ModuleManifest } from '../../../platform/manifest.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { prefillSections, snapshotFigures } from '../reports.draft.js';
import { loadReport } from '../reports.repo.js';
import { assertTransition } from '../reports.workflow.js';
import { nowOf } from '../../../platform/clock.js';

/**
 * Start a unit's annual report for a year: figures computed from the record (with their provenance), the
 * sections pre-filled where the record speaks, and the statutory deadlines registered — submission by
 * 1 March for departments (rule report.submit), publication by 1 April for all (rule report.publish).
 */
export async function draftReport(
  db: Db,
  ctx: RequestCtx,
  input: { orgId: string; year: number },
  /** The enabled modules (AppDeps.modules): their manifests supply the figures. */
  modules: readonly ModuleManifest[],
): Promise<{ id: string }> {
  const org = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'kind', 'parent_id'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (!org) throw notFound('单位');
  const scope = org.parent_id === null ? null : org.id;
  const snap = await snapshotFigures(db, input.year, scope, org.id, modules, nowOf(ctx));
  const sections = await prefillSections(db, input.year, scope, org.name, snap.figures, modules, nowOf(ctx));
  return db.transaction().execute(async (trx) => {
    const dup = await trx
      .selectFrom('annual_reports')
      .select('id')
      .where('org_id', '=', org.id)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (dup) throw conflict(`${org.name}${input.year}年度报告已经存在，请打开继续编辑`, { reportId: dup.id });
    const row = await trx
      .insertInto('annual_reports')
      .values({
        org_id: org.id,
        year: input.year,
        title: `${org.name}关于${input.year}年度法治政府建设情况的报告`,
        doc_no: null,
        sections: JSON.stringify(sections),
        figures: JSON.stringify(snap.figures),
        snapshot_at: snap.snapshotAt,
        ledger_tree_size: snap.treeSize,
        ledger_root: snap.root,
        created_by: ctx.actor?.userId ?? null,
        approved_by: null,
        approved_at: null,
        submitted_at: null,
        published_at: null,
        return_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const trigger = `${input.year}-12-31`;
    if (org.kind !== 'government') {
      await registerDeadline(trx, ctx, {
        entityKind: 'annual_report',
        entityId: row.id,
        ruleId: 'report.submit',
        triggerDate: trigger,
        orgId: org.id,
        label: `${org.name}${input.year}年度法治政府建设报告`,
      });
    }
    await registerDeadline(trx, ctx, {
      entityKind: 'annual_report',
      entityId: row.id,
      ruleId: 'report.publish',
      triggerDate: trigger,
      orgId: org.id,
      label: `${org.name}${input.year}年度法治政府建设报告`,
    });
    await recordAudit(trx, ctx, {
      action: 'annual_report.drafted',
      entityKind: 'annual_report',
      entityId: row.id,
      orgId: org.id,
      data: { year: input.year, figures: snap.figures.length },
    });
    return row;
  });
}

/** Re-take the figures (while drafting), e.g. after units reported more progress. Sections are kept. */
export async function refreshFigures(
  db: Db,
  ctx: RequestCtx,
  id: string,
  modules: readonly ModuleManifest[],
): Promise<void> {
  const r0 = await loadReport(db, id);
  assertTransition(r0.status, 'edit');
  const snap = await snapshotFigures(
    db,
    r0.year,
    r0.org_kind === 'government' ? null : r0.org_id,
    r0.org_id,
    modules,
    nowOf(ctx),
  );
  await db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, id, true);
    assertTransition(r.status, 'edit');
    await trx
      .updateTable('annual_reports')
      .set({
        figures: JSON.stringify(snap.figures),
        snapshot_at: snap.snapshotAt,
        ledger_tree_size: snap.treeSize,
        ledger_root: snap.root,
        version: r.version + 1,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'annual_report.figures_refreshed',
      entityKind: 'annual_report',
      entityId: id,
      orgId: r.org_id,
      data: { figures: snap.figures.length, treeSize: snap.treeSize },
    });
  });
}
