import { createHash } from 'node:crypto';
import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { conflict, unprocessable } from '../../../platform/errors.js';
import { matchUnit } from '../plan.logic.js';
import { type ParsedPlan, parsePlanText } from '../plan.parser.js';
import { loadAliases, loadOrgRefs } from '../plan.repo.js';

export interface ImportPlanInput {
  text: string;
  title?: string;
  yearFrom: number;
  yearTo: number;
}

/** Parse and match without writing: what the import screen shows before the user confirms. */
export async function previewPlan(db: Executor, text: string) {
  const parsed = parsePlanText(text);
  const orgs = await loadOrgRefs(db);
  const aliases = await loadAliases(db);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const items = parsed.items.map((it) => ({
    seq: it.seq,
    numeral: it.numeral,
    chapterSeq: it.chapterSeq,
    title: it.title,
    general: it.general,
    line: it.line,
    units: it.units.map((raw, i) => {
      const m = matchUnit(raw, orgs, aliases);
      return {
        id: null,
        rawName: raw,
        resolution: m.resolution,
        orgId: m.orgId,
        orgName: m.orgId ? (names.get(m.orgId) ?? null) : null,
        groupKey: m.groupKey,
        groupLabel: null,
        lead: i === 0 && m.resolution === 'org',
      };
    }),
  }));
  const unmatched = [
    ...new Set(items.flatMap((it) => it.units.filter((u) => u.resolution === 'unmatched').map((u) => u.rawName))),
  ];
  return {
    parsed,
    preview: {
      title: parsed.title,
      docNo: parsed.docNo,
      chapters: parsed.chapters,
      items,
      problems: parsed.problems,
      unmatched,
    },
  };
}

const problemMessage = (p: ParsedPlan) =>
  `实施方案文本有 ${p.problems.length} 处问题，未导入任何内容。请按行号修改后重新导入：${p.problems
    .slice(0, 5)
    .map((x) => x.message)
    .join('；')}${p.problems.length > 5 ? '……' : ''}`;

/**
 * Import a plan: parse, match responsible units, store chapters, items and unit names in one transaction.
 * A text with any structural problem imports nothing (422 with every problem and its line number).
 */
export async function importPlan(
  db: Db,
  ctx: RequestCtx,
  input: ImportPlanInput,
): Promise<{ id: string; unmatched: string[] }> {
  if (input.yearTo < input.yearFrom) throw unprocessable('结束年度不能早于起始年度', { field: 'yearTo' });
  const sha256 = createHash('sha256').update(input.text, 'utf8').digest('hex');
  return db.transaction().execute(async (trx) => {
    const { parsed, preview } = await previewPlan(trx, input.text);
    if (parsed.problems.length) throw unprocessable(problemMessage(parsed), { problems: parsed.problems });
    const title = input.title ?? parsed.title;
    if (!title) throw unprocessable('未能从文本中识别方案标题，请在“标题”中填写', { field: 'title' });
    const dup = await trx.selectFrom('plans').select('id').where('source_sha256', '=', sha256).executeTakeFirst();
    if (dup) throw conflict('同一份实施方案文本已经导入过，请在方案列表中查看', { planId: dup.id });
    const plan = await trx
      .insertInto('plans')
      .values({
        title,
        doc_no: parsed.docNo,
        year_from: input.yearFrom,
        year_to: input.yearTo,
        source_sha256: sha256,
        created_by: ctx.actor?.userId ?? null,
        default_due_date: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const chapterIds = new Map<number, string>();
    for (const c of parsed.chapters) {
      const row = await trx
        .insertInto('plan_chapters')
        .values({ plan_id: plan.id, seq: c.seq, numeral: c.numeral, title: c.title })
        .returning('id')
        .executeTakeFirstOrThrow();
      chapterIds.set(c.seq, row.id);
    }
    for (const [i, it] of parsed.items.entries()) {
      const row = await trx
        .insertInto('plan_items')
        .values({
          plan_id: plan.id,
          chapter_id: chapterIds.get(it.chapterSeq)!,
          seq: it.seq,
          numeral: it.numeral,
          title: it.title,
          body: it.body,
          general: it.general,
          line_no: it.line,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const units = preview.items[i].units;
      if (units.length) {
        await trx
          .insertInto('plan_item_units')
          .values(
            units.map((u, position) => ({
              item_id: row.id,
              position,
              raw_name: u.rawName,
              resolution: u.resolution,
              org_id: u.orgId,
              group_key: u.groupKey,
              lead: u.lead,
            })),
          )
          .execute();
      }
    }
    await recordAudit(trx, ctx, {
      action: 'plan.imported',
      entityKind: 'plan',
      entityId: plan.id,
      data: {
        title,
        docNo: parsed.docNo,
        chapters: parsed.chapters.length,
        items: parsed.items.length,
        unmatched: preview.unmatched.length,
        sha256,
      },
    });
    return { id: plan.id, unmatched: preview.unmatched };
  });
}
