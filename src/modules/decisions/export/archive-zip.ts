import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { Actor } from '../../../platform/access/actor.js';
import { today } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { notFound } from '../../../platform/errors.js';
import { getRecordProof } from '../../../platform/ledger/index.js';
import { decisionsPolicy } from '../decisions.policy.js';
import { presentDecision } from '../decisions.presenter.js';
import { loadDecision } from '../decisions.repo.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]/g, '_').slice(0, 80);

/**
 * The complete decision record (Art 33) as a ZIP: the record, every stage's outcome, legality opinions,
 * participation and every comment with its disposition and attachments, execution reports; a manifest
 * lists each file's SHA-256 and the ledger proofs of the anchored records.
 */
export async function exportArchiveZip(
  db: Db,
  actor: Actor,
  id: string,
  /** The export time from the injected clock: the record's "today", the manifest's exportedAt, the ZIP entries' mtime. */
  now: Date,
): Promise<{ buffer: Buffer; filename: string }> {
  const d = await loadDecision(db, id);
  if (!d || !decisionsPolicy.view(actor, d.orgs)) throw notFound('决策事项');
  const rec = await presentDecision(db, d, actor, today(now));
  const files: Record<string, Uint8Array> = {};
  const put = (path: string, value: unknown) => {
    files[path] =
      typeof value === 'string'
        ? strToU8(value)
        : value instanceof Uint8Array
          ? value
          : strToU8(JSON.stringify(value, null, 2));
  };
  put('决策事项.json', { ...rec, stages: undefined, comments: undefined, abilities: undefined });
  rec.stages.forEach(
    (s, i) => void put(`程序记录/${String(i + 1).padStart(2, '0')}-${s.stage}-第${s.round}轮.json`, s),
  );
  put('合法性审查/审查意见.json', rec.reviews);
  put('公众参与/参与形式.json', rec.participations);
  put('公众参与/意见及处理.json', rec.comments);
  const fileRows = await db
    .selectFrom('decision_comment_files')
    .innerJoin('decision_comments', 'decision_comments.id', 'decision_comment_files.comment_id')
    .select(['decision_comments.receipt_no', 'decision_comment_files.name', 'decision_comment_files.content'])
    .where('decision_comments.decision_id', '=', d.id)
    .execute();
  for (const f of fileRows) put(`公众参与/附件/${f.receipt_no}/${safe(f.name)}`, new Uint8Array(f.content));
  put('决策执行/执行任务.json', rec.tasks);
  put('决策执行/执行情况报告.json', rec.reports);
  if (d.published_text) put('决策公布文本.txt', d.published_text);

  const proofs = [];
  for (const s of rec.stages.filter((x) => x.leafHash))
    proofs.push({
      recordKind: 'decision.stage',
      recordId: s.id,
      leafHash: s.leafHash,
      proof: await getRecordProof(db, 'decision.stage', s.id),
    });
  for (const p of rec.participations.filter((x) => x.commentSetHash))
    proofs.push({
      recordKind: 'decision.comment_set',
      recordId: p.id,
      commentsHash: p.commentSetHash,
      proof: await getRecordProof(db, 'decision.comment_set', p.id),
    });
  for (let r = 0; r <= d.adjustment_count; r++) {
    const proof = await getRecordProof(db, 'decision.published', `${d.id}:r${r}`);
    if (proof) proofs.push({ recordKind: 'decision.published', recordId: `${d.id}:r${r}`, proof });
  }
  put('上链证明.json', proofs);
  const manifest = {
    decisionId: d.id,
    title: d.title,
    exportedAt: now.toISOString(),
    exportedBy: actor.displayName,
    algorithm: 'SHA-256',
    files: Object.entries(files).map(([path, b]) => ({ path, size: b.length, sha256: sha(b) })),
    verify: '各文件的 SHA-256 与本清单一致即未被改动；上链证明可在门户“存证核验”页面（/verify）核验。',
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  const zip = zipSync(files, { level: 6, mtime: now });
  return { buffer: Buffer.from(zip), filename: `${safe(d.title)}-决策档案.zip` };
}
