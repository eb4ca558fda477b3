import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasRole } from '../access/scope.js';
import { recordAudit } from '../audit/index.js';
import { requireActor } from '../auth/plugin.js';
import { nowOf } from '../clock.js';
import type { Db } from '../db/engine.js';
import { AppError } from '../errors.js';
import { errorResponses, UuidParam, z } from '../http/zod.js';
import { listKeys } from './keys.js';
import * as S from './ledger.schemas.js';
import {
  consistencyBundle,
  entriesByHash,
  entryByIndex,
  entryContent,
  presentCheckpoint,
  proofBundle,
  requireLatestCheckpoint,
} from './proofs.js';
import { checkpointAt, latestCheckpoint } from './store.js';
import { PROBLEM_LABELS, type ProblemKind, sweepLedger } from './sweep.js';

const presentKey = (k: Awaited<ReturnType<typeof listKeys>>[number]) => ({
  name: k.name,
  keyHash: k.keyHash,
  verifierKey: k.verifierKey,
  validFrom: k.validFrom.toISOString(),
  validUntil: k.validUntil?.toISOString() ?? null,
});

/** Public (no login) ledger API: anyone can fetch checkpoints, entries and proofs and verify them offline. */
export function ledgerPublicRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['上链存证（公开）'];
  const base = '/api/public/ledger';

  r.get(`${base}/checkpoint`, {
    schema: {
      tags,
      summary: '最新签名检查点（C2SP tlog-checkpoint）',
      response: { 200: S.CheckpointDto, 503: errorResponses[400] },
    },
    handler: async () => presentCheckpoint(await requireLatestCheckpoint(db)),
  });

  r.get(`${base}/checkpoints/:treeSize`, {
    schema: {
      tags,
      summary: '指定树大小的签名检查点',
      params: S.SizeParam,
      response: { 200: S.CheckpointDto, ...errorResponses },
    },
    handler: async (req) => {
      const cp = await checkpointAt(db, req.params.treeSize);
      if (!cp) throw new AppError('not_found', `树大小 ${req.params.treeSize} 没有签名检查点。`);
      return presentCheckpoint(cp);
    },
  });

  r.get(`${base}/keys`, {
    schema: {
      tags,
      summary: '检查点验证公钥（含已轮换的旧公钥及有效期）',
      response: { 200: z.object({ origin: z.string().nullable(), items: z.array(S.KeyDto) }) },
    },
    handler: async () => {
      const keys = await listKeys(db);
      return { origin: keys[0]?.name ?? null, items: keys.map(presentKey) };
    },
  });

  r.get(`${base}/entries/:index`, {
    schema: {
      tags,
      summary: '按序号查询上链条目',
      params: S.IndexParam,
      response: { 200: S.EntryDto, ...errorResponses },
    },
    handler: async (req) => entryByIndex(db, req.params.index),
  });

  r.get(`${base}/entries/by-hash/:hash`, {
    schema: {
      tags,
      summary: '按哈希查询上链条目（叶子哈希、内容哈希或附件哈希）',
      params: S.HashParam,
      response: { 200: z.object({ items: z.array(S.EntryWithStateDto) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await entriesByHash(db, Buffer.from(req.params.hash.toLowerCase(), 'hex')) }),
  });

  // The record exactly as it was hashed: a citizen saves this file and drops it on the verify page, whose browser
  // hashes the bytes and finds the entry by its content hash — verification of a document, not of a server's word.
  r.get(`${base}/entries/:index/content`, {
    schema: {
      tags,
      summary: '下载条目的存证原文（RFC 8785 规范化 JSON，其 SHA-256 即内容哈希）',
      params: S.IndexParam,
      response: { 200: z.any().describe('规范化 JSON 文件'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const row = await entryContent(db, req.params.index);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="fazhi-ledger-${req.params.index}-${row.recordKind}.json"`)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(Buffer.from(row.content, 'utf8'));
    },
  });

  r.get(`${base}/entries/:index/proof`, {
    schema: {
      tags,
      summary: '条目的包含证明，附带计算该证明所依据的签名检查点',
      params: S.IndexParam,
      querystring: S.ProofQuery,
      response: { 200: S.ProofBundleDto, ...errorResponses },
    },
    handler: async (req) => proofBundle(db, req.params.index, req.query.treeSize),
  });

  r.get(`${base}/consistency`, {
    schema: {
      tags,
      summary: '两个树大小之间的一致性证明（证明日志只追加、未改写）',
      querystring: S.ConsistencyQuery,
      response: { 200: S.ConsistencyDto, ...errorResponses },
    },
    handler: async (req) => consistencyBundle(db, req.query.from, req.query.to),
  });
}

/** Workbench ledger administration: integrity status and tamper alarms (system administrators). */
export function ledgerAdminRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['上链存证（管理）'];
  const guard = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    if (!hasRole(actor, 'system_admin')) throw new AppError('forbidden', '只有系统管理员可以管理账本与篡改告警。');
    return actor;
  };

  r.get('/api/ledger/status', {
    schema: { tags, summary: '账本状态', response: { 200: S.StatusDto, ...errorResponses } },
    handler: async (req) => {
      guard(req);
      const cp = await latestCheckpoint(db);
      const counts = await db
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('idx', 'is', null)
        .executeTakeFirstOrThrow();
      const open = await db
        .selectFrom('ledger_alarms')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('acknowledged_at', 'is', null)
        .executeTakeFirstOrThrow();
      const sweep = await db
        .selectFrom('ledger_sweeps')
        .selectAll()
        .orderBy('finished_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const verified = await db.selectFrom('ledger_sweep_state').selectAll().executeTakeFirst();
      return {
        treeSize: String(cp?.treeSize ?? 0),
        pending: Number(counts.n),
        latestCheckpoint: cp ? presentCheckpoint(cp) : null,
        openAlarms: Number(open.n),
        lastSweep: sweep
          ? {
              finishedAt: sweep.finished_at.toISOString(),
              treeSize: String(sweep.tree_size),
              problems: sweep.problems,
              mode: sweep.mode,
              fromSize: String(sweep.from_size),
            }
          : null,
        verified: verified
          ? {
              treeSize: String(verified.verified_size),
              lastFullAt: verified.last_full_at?.toISOString() ?? null,
            }
          : null,
        keys: (await listKeys(db)).map(presentKey),
      };
    },
  });

  r.get('/api/ledger/alarms', {
    schema: {
      tags,
      summary: '篡改告警',
      querystring: S.AlarmQuery,
      response: { 200: z.object({ items: z.array(S.AlarmDto) }), ...errorResponses },
    },
    handler: async (req) => {
      guard(req);
      let q = db.selectFrom('ledger_alarms').selectAll();
      if (req.query.status === 'open') q = q.where('acknowledged_at', 'is', null);
      const rows = await q.orderBy('detected_at', 'desc').limit(500).execute();
      return {
        items: rows.map((a) => ({
          id: a.id,
          kind: a.kind,
          kindLabel: PROBLEM_LABELS[a.kind as ProblemKind] ?? a.kind,
          entryIndex: a.entry_index === null ? null : String(a.entry_index),
          recordKind: a.record_kind,
          recordId: a.record_id,
          detail: a.detail,
          detectedAt: a.detected_at.toISOString(),
          lastSeenAt: a.last_seen_at.toISOString(),
          acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
          acknowledgedBy: a.acknowledged_by,
        })),
      };
    },
  });

  r.post('/api/ledger/alarms/:id/acknowledge', {
    schema: {
      tags,
      summary: '确认篡改告警（记录处置说明；告警本身永久保留）',
      params: UuidParam,
      body: S.AcknowledgeBody,
      response: { 200: z.object({ id: z.string(), acknowledgedAt: z.string() }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = guard(req);
      return db.transaction().execute(async (trx) => {
        const a = await trx
          .selectFrom('ledger_alarms')
          .selectAll()
          .where('id', '=', req.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!a) throw new AppError('not_found', '告警不存在。');
        if (a.acknowledged_at) throw new AppError('conflict', '该告警已被确认过，无需重复确认。');
        const at = nowOf(req.ctx);
        await trx
          .updateTable('ledger_alarms')
          .set({ acknowledged_at: at, acknowledged_by: actor.userId })
          .where('id', '=', a.id)
          .execute();
        await recordAudit(
          trx,
          { actor, requestId: req.id, ip: req.ip },
          {
            action: 'ledger.alarm_acknowledged',
            entityKind: 'ledger_alarm',
            entityId: a.id,
            data: { kind: a.kind, note: req.body.note },
          },
        );
        return { id: a.id, acknowledgedAt: at.toISOString() };
      });
    },
  });

  r.post('/api/ledger/sweeps', {
    schema: {
      tags,
      summary: '立即执行完整性巡检（默认完整巡检；mode=incremental 只查上次验证点之后新增的部分）',
      querystring: S.SweepQuery,
      response: { 200: S.SweepDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = guard(req);
      const res = await sweepLedger(db, nowOf(req.ctx), {
        mode: req.query.mode,
        ctx: { actor, requestId: req.id, ip: req.ip },
      });
      return {
        mode: res.mode,
        fromSize: res.fromSize,
        escalated: res.escalated,
        treeSize: res.treeSize,
        checkedEntries: res.checkedEntries,
        problems: res.problems.length,
        newAlarms: res.newAlarms,
      };
    },
  });
}
