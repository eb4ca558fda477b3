import { createHash } from 'node:crypto';
import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { unprocessable } from '../../../platform/errors.js';
import { nowOf } from '../../../platform/clock.js';
import { indexEntry, updateEntryFacets } from '../../../platform/search/index.js';
import { runLawSupersededHooks } from '../laws.hooks.js';
import { type LineError, type ParsedLaw, parseLawMarkdown, workKeyOf } from '../laws.parser.js';
import '../laws.tables.js';

export interface LawFileInput {
  name: string;
  content: string;
  /** Category shown in the library (法律, 行政法规, 地方性法规 …); defaults to 其他. */
  category?: string;
}

export interface ImportSummary {
  imported: number;
  unchanged: number;
  newVersions: number;
  flaggedDocs: number;
  laws: { id: string; title: string; versionDate: string | null; status: 'current' | 'superseded' }[];
}

export interface FileErrors {
  name: string;
  errors: LineError[];
}

/** The searchable text of a statute: its history lines and every article with its number. */
export function lawBody(law: ParsedLaw): string {
  const parts = [law.history];
  for (const a of law.articles) parts.push(a.number ? `${a.number} ${a.text}` : a.text);
  return parts.filter(Boolean).join('\n');
}

/** Hash of the statute's text (articles only), so layout differences between copies do not count. */
export function textHash(law: ParsedLaw): string {
  const h = createHash('sha256').update(law.title, 'utf8');
  for (const a of law.articles) h.update(`\n${a.number ?? ''}\u0000${a.text}`, 'utf8');
  return h.digest('hex');
}

/** Parse every file first; any problem in any file rejects the whole batch (nothing half-imported). */
export function parseBatch(files: LawFileInput[]): {
  parsed: { file: LawFileInput; law: ParsedLaw; hash: string }[];
  errors: FileErrors[];
} {
  const errors: FileErrors[] = [];
  const parsed: { file: LawFileInput; law: ParsedLaw; hash: string }[] = [];
  const seen = new Map<string, { name: string; hash: string }>();
  for (const f of files) {
    const r = parseLawMarkdown(f.name, f.content);
    if (!r.ok) {
      errors.push({ name: f.name, errors: r.errors });
      continue;
    }
    const key = `${workKeyOf(r.law.title)}|${r.law.versionDate ?? ''}`;
    const hash = textHash(r.law);
    const other = seen.get(key);
    if (other) {
      // The same version filed twice (e.g. under two categories) is one statute; different texts are an error.
      if (other.hash !== hash) {
        errors.push({
          name: f.name,
          errors: [{ line: 1, message: `与同批文件“${other.name}”是同一法规的同一版本但条文不同，请核对后只保留一个` }],
        });
      }
      continue;
    }
    seen.set(key, { name: f.name, hash });
    parsed.push({ file: f, law: r.law, hash });
  }
  return { parsed, errors };
}

const yearOf = (d: string | null) => (d ? Number(d.slice(0, 4)) : null);

async function insertArticles(trx: Executor, lawId: string, law: ParsedLaw): Promise<void> {
  const rows = law.articles.map((a, i) => ({
    law_id: lawId,
    seq: i + 1,
    chapter: a.chapter,
    number: a.number,
    text: a.text,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('law_articles')
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * Import statutes (Markdown) into the law library in one transaction. A newer version of a statute already
 * in the library supersedes it, and every normative document relying on the old version is flagged for review.
 */
export async function importLaws(
  db: Db,
  ctx: RequestCtx,
  files: LawFileInput[],
  source: string,
): Promise<ImportSummary> {
  if (files.length === 0) throw unprocessable('请至少选择一个 .md 法规文件', { field: 'files' });
  const { parsed, errors } = parseBatch(files);
  if (errors.length) {
    const lines = errors.reduce((n, e) => n + e.errors.length, 0);
    throw unprocessable(`${errors.length} 个文件共 ${lines} 处格式问题，本次未导入任何内容。请按提示修改后重新导入。`, {
      files: errors,
    });
  }
  // Oldest first, so that several versions in one batch supersede each other in order.
  parsed.sort((a, b) => (a.law.versionDate ?? '').localeCompare(b.law.versionDate ?? ''));
  return db.transaction().execute(async (trx) => {
    const summary: ImportSummary = { imported: 0, unchanged: 0, newVersions: 0, flaggedDocs: 0, laws: [] };
    for (const { file, law, hash } of parsed) {
      const workKey = workKeyOf(law.title);
      const existing = await trx
        .selectFrom('laws')
        .select(['id', 'version_date', 'status', 'content_hash'])
        .where('work_key', '=', workKey)
        .forUpdate()
        .execute();
      const same = existing.find((e) => (e.version_date ?? null) === law.versionDate);
      if (same) {
        if (same.content_hash === hash) {
          summary.unchanged++;
          continue;
        }
        throw unprocessable(
          `“${file.name}”：库中已有《${law.title}》${law.versionDate ?? ''}版本且内容不同，请确认版本日期后再导入`,
          {
            files: [{ name: file.name, errors: [{ line: 1, message: '同一版本已存在且内容不同' }] }],
          },
        );
      }
      const newer = existing.some((e) => (e.version_date ?? '') > (law.versionDate ?? ''));
      const status = newer ? ('superseded' as const) : ('current' as const);
      const category = file.category?.trim() || '其他';
      const row = await trx
        .insertInto('laws')
        .values({
          work_key: workKey,
          title: law.title,
          category,
          version_date: law.versionDate,
          history: law.history,
          status,
          source_name: file.name.slice(0, 300),
          content_hash: hash,
          article_count: law.articles.filter((a) => a.number).length,
          imported_by: ctx.actor?.userId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertArticles(trx, row.id, law);
      await indexEntry(
        trx,
        {
          kind: 'law',
          refId: row.id,
          title: law.title,
          subtitle: `${category}${law.versionDate ? ` · ${law.versionDate}` : ''}`,
          body: lawBody(law),
          status,
          year: yearOf(law.versionDate),
          isCurrent: status === 'current',
        },
        nowOf(ctx),
      );
      summary.imported++;
      summary.laws.push({ id: row.id, title: law.title, versionDate: law.versionDate, status });
      if (status === 'current') {
        const previous = existing.filter((e) => e.status === 'current').map((e) => e.id);
        if (previous.length) {
          await trx.updateTable('laws').set({ status: 'superseded' }).where('id', 'in', previous).execute();
          for (const id of previous)
            await updateEntryFacets(trx, 'law', id, { status: 'superseded', isCurrent: false }, nowOf(ctx));
        }
        if (existing.length) {
          summary.newVersions++;
          summary.flaggedDocs += await runLawSupersededHooks(trx, ctx, {
            workKey,
            title: law.title,
            newLawId: row.id,
            newVersionDate: law.versionDate,
            previousIds: existing.map((e) => e.id),
          });
        }
      }
    }
    await recordAudit(trx, ctx, {
      action: 'law.imported',
      entityKind: 'law_library',
      entityId: null,
      data: {
        source: source.slice(0, 200),
        imported: summary.imported,
        unchanged: summary.unchanged,
        newVersions: summary.newVersions,
        titles: summary.laws.slice(0, 50).map((l) => l.title),
      },
    });
    return summary;
  });
}
