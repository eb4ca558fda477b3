import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import {
  addCalendarDays,
  addMonths,
  computeDue,
  formatZh,
  registerDeadline,
  today,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { conflict, unprocessable } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { indexEntry } from '../../../platform/search/index.js';
import { type NormativeSettings, normativeSettings } from '../normative.config.js';
import { type DocRow, loadBases } from '../normative.repo.js';
import type { PublishBody } from '../normative.schemas.js';
import { publishedContent } from '../normative.records.js';
import { step } from './procedure.js';
import { nowOf } from '../../../platform/clock.js';

/** 〔2026〕 with the year in the official brackets, e.g. 示市监规〔2026〕3号. */
export const formatRegistrationNo = (prefix: string, year: number, seq: number) => `${prefix}〔${year}〕${seq}号`;

/**
 * 统一登记、统一编号 (国办发〔2018〕37号): the next number of the issuing body for the year. The counter row is
 * advanced inside the registering transaction: concurrent registrations serialize on it, and a rollback
 * returns the number, so numbers have neither gaps nor duplicates.
 */
export function registerDoc(db: Db, ctx: RequestCtx, id: string, now = nowOf(ctx)) {
  return step(db, ctx, id, 'register', async (trx, d) => {
    const body = await trx
      .selectFrom('normative_issuing_bodies')
      .select(['number_prefix', 'active'])
      .where('org_id', '=', d.org_id)
      .executeTakeFirst();
    if (!body?.active) throw unprocessable(`“${d.org_name}”已不在制定主体清单内，不能登记编号`, { field: 'orgId' });
    const year = Number(today(now).slice(0, 4));
    const row = await sql<{ last_seq: number }>`
      insert into normative_number_counters (org_id, year, last_seq) values (${d.org_id}, ${year}, 1)
      on conflict (org_id, year) do update set last_seq = normative_number_counters.last_seq + 1
      returning last_seq`.execute(trx);
    const seq = Number(row.rows[0]!.last_seq);
    const no = formatRegistrationNo(body.number_prefix, year, seq);
    await recordAudit(trx, ctx, {
      action: 'normative_doc.registered',
      entityKind: 'normative_doc',
      entityId: d.id,
      orgId: d.org_id,
      data: { registrationNo: no, year, seq },
    });
    return { patch: { registration_year: year, registration_seq: seq, registration_no: no } };
  });
}

export const contentHashOf = (content: unknown) =>
  createHash('sha256').update(JSON.stringify(content), 'utf8').digest('hex');

/** The validity end: the given date if within the maximum, else the maximum (5 years, 2 for 暂行/试行). */
export function validityEnd(
  d: Pick<DocRow, 'doc_type'>,
  effectiveOn: string,
  requested: string | undefined,
  s: NormativeSettings,
): string {
  const years = d.doc_type === 'interim' ? s.interimValidityYears : s.validityYears;
  const max = addCalendarDays(addMonths(effectiveOn, years * 12), -1);
  if (!requested) return max;
  if (requested <= effectiveOn) throw unprocessable('有效期截止日期应晚于施行日期', { field: 'validUntil' });
  if (requested > max) {
    throw unprocessable(
      `有效期不得超过${years}年（${d.doc_type === 'interim' ? '暂行、试行文件' : '规范性文件'}），最迟至${formatZh(max)}`,
      {
        field: 'validUntil',
        max,
      },
    );
  }
  return requested;
}

/** Index a published document for the portal's full-text search. */
export async function indexDoc(
  trx: Executor,
  d: DocRow & { registration_no: string | null },
  now: Date,
): Promise<void> {
  await indexEntry(
    trx,
    {
      kind: 'normative_doc',
      refId: d.id,
      title: d.title,
      subtitle: [d.org_name, d.registration_no].filter(Boolean).join(' · '),
      body: `${d.body}\n${d.interpretation ?? ''}`,
      orgId: d.org_id,
      status: d.status,
      year: d.registration_year,
      isCurrent: d.status === 'in_force',
    },
    now,
  );
}

/**
 * Publish with its interpretation (沪府令17号 Art 4; 上海市优化营商环境条例 Art 74): the document comes into force,
 * its text hash is anchored in the ledger, its filing (30 days, 上海市人大常委会规范性文件备案审查条例 Art 10) is
 * opened with a statutory deadline, and it enters the public library and search.
 */
export function publishDoc(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof PublishBody>, now = nowOf(ctx)) {
  const settings = normativeSettings();
  return step(
    db,
    ctx,
    id,
    'publish',
    async (trx, d) => {
      const t = today(now);
      const publishedOn = input.publishedOn ?? t;
      if (publishedOn > t) throw unprocessable('公布日期不能晚于今天', { field: 'publishedOn' });
      if (d.deliberation_on && publishedOn < d.deliberation_on)
        throw unprocessable('公布日期不能早于集体审议日期', { field: 'publishedOn' });
      // 优化营商环境条例第六十五条: an adaptation period between publication and 施行, unless a recorded reason
      // (security, public interest, a measure that cannot wait) allows less; the reason is published with it.
      const effectiveOn = input.effectiveOn ?? addCalendarDays(publishedOn, settings.adaptationDays);
      if (effectiveOn < publishedOn)
        throw unprocessable('施行日期不能早于公布日期：未公布的规范性文件不得作为行政管理依据', {
          field: 'effectiveOn',
        });
      const earliest = addCalendarDays(publishedOn, settings.adaptationDays);
      const earlyReason = input.earlyEffectReason?.trim() || null;
      if (effectiveOn < earliest && !earlyReason)
        throw unprocessable(
          `施行日期早于公布后${settings.adaptationDays}日（${formatZh(earliest, false)}）：应当为执行留出适应调整期（《优化营商环境条例》第六十五条）。确需提前施行的，请在“提前施行的理由”中说明（至少 10 个字），理由随文件公布。`,
          { field: 'earlyEffectReason', earliest },
        );
      const validUntil = validityEnd(d, effectiveOn, input.validUntil, settings);
      const next = {
        ...d,
        interpretation: input.interpretation,
        published_on: publishedOn,
        effective_on: effectiveOn,
        valid_until: validUntil,
        status: 'in_force' as const,
        comment_waiver_reason: d.comment_done ? null : (input.commentWaiverReason?.trim() ?? null),
        early_effect_reason: effectiveOn < earliest ? earlyReason : null,
      };
      const content = publishedContent(next);
      const contentHash = contentHashOf(content);
      await anchorRecord(trx, {
        recordKind: 'normative_doc',
        recordId: d.id,
        content: { ...content, bases: await loadBases(trx, d.id) },
      });
      const due = computeDue('normative.filing', publishedOn).due;
      const existing = await trx
        .selectFrom('normative_filings')
        .select('id')
        .where('doc_id', '=', d.id)
        .executeTakeFirst();
      if (existing) throw conflict('该文件已有备案记录', { docId: d.id });
      await trx
        .insertInto('normative_filings')
        .values({
          doc_id: d.id,
          org_id: d.org_id,
          due_on: due,
          status: 'pending',
          submitted_on: null,
          late: null,
          materials: JSON.stringify([]),
          report: null,
          supplement_due_on: null,
          review_opinion: null,
          reviewed_on: null,
          reviewer_id: null,
        })
        .execute();
      await registerDeadline(trx, ctx, {
        entityKind: 'normative_doc',
        entityId: d.id,
        ruleId: 'normative.filing',
        triggerDate: publishedOn,
        orgId: d.org_id,
        label: d.title,
      });
      await indexDoc(trx, next, now);
      await recordAudit(trx, ctx, {
        action: 'normative_doc.published',
        entityKind: 'normative_doc',
        entityId: d.id,
        orgId: d.org_id,
        visibility: 'public',
        data: { registrationNo: d.registration_no ?? '', publishedOn, validUntil, contentHash },
      });
      return {
        patch: {
          interpretation: input.interpretation,
          published_on: publishedOn,
          effective_on: effectiveOn,
          valid_until: validUntil,
          content_hash: contentHash,
          comment_waiver_reason: next.comment_waiver_reason,
          early_effect_reason: next.early_effect_reason,
        },
      };
    },
    {
      hasInterpretation: input.interpretation.trim().length > 0,
      commentWaived: (input.commentWaiverReason?.trim() ?? '').length >= 10,
    },
  );
}
