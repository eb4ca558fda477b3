import type { Executor } from '../../platform/db/engine.js';
import type { LawDetailDto, LawSummaryDto } from './laws.schemas.js';
import './laws.tables.js';

const summary = (r: {
  id: string;
  title: string;
  category: string;
  version_date: string | null;
  status: 'current' | 'superseded';
  article_count: number;
}): LawSummaryDto => ({
  id: r.id,
  title: r.title,
  category: r.category,
  versionDate: r.version_date,
  status: r.status,
  articleCount: r.article_count,
});

export async function listLaws(
  db: Executor,
  p: { q?: string; category?: string; status?: 'current' | 'superseded'; page: number; pageSize: number },
): Promise<{ total: number; items: LawSummaryDto[]; categories: string[] }> {
  let q = db.selectFrom('laws');
  if (p.q) q = q.where('title', 'ilike', `%${p.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (p.category) q = q.where('category', '=', p.category);
  if (p.status) q = q.where('status', '=', p.status);
  const [{ n }] = (await q.select((eb) => eb.fn.countAll<string>().as('n')).execute()) as [{ n: string }];
  const rows = await q
    .select(['id', 'title', 'category', 'version_date', 'status', 'article_count'])
    .orderBy('title')
    .orderBy('version_date', 'desc')
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute();
  const cats = await db.selectFrom('laws').select('category').distinct().orderBy('category').execute();
  return { total: Number(n), items: rows.map(summary), categories: cats.map((c) => c.category) };
}

export async function loadLaw(db: Executor, id: string): Promise<LawDetailDto | null> {
  const r = await db.selectFrom('laws').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const articles = await db
    .selectFrom('law_articles')
    .select(['seq', 'chapter', 'number', 'text'])
    .where('law_id', '=', id)
    .orderBy('seq')
    .execute();
  const versions = await db
    .selectFrom('laws')
    .select(['id', 'version_date', 'status'])
    .where('work_key', '=', r.work_key)
    .orderBy('version_date', 'desc')
    .execute();
  return {
    ...summary(r),
    history: r.history,
    sourceName: r.source_name,
    importedAt: r.imported_at.toISOString(),
    versions: versions.map((v) => ({ id: v.id, versionDate: v.version_date, status: v.status })),
    articles,
  };
}

/** Laws by id (for legal-basis pickers); unknown ids are simply absent. */
export async function lawsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('laws')
    .select(['id', 'title', 'version_date', 'status', 'work_key'])
    .where('id', 'in', ids)
    .execute();
}
