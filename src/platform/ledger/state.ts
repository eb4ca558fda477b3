import { sql } from 'kysely';
import type { Db, Executor } from '../db/engine.js';
import { AppError } from '../errors.js';
import { recordAudit } from '../audit/index.js';
import { nowOf } from '../clock.js';
import { systemCtx } from '../access/actor.js';
import {
  activeKey,
  DEFAULT_LEDGER_ORIGIN,
  generateSigner,
  type LedgerSigner,
  loadSigner,
  registerKey,
} from './keys.js';
import { EMPTY_ROOT } from './hashing.js';
import { currentSigner, ledgerState, setLedgerState } from './signer.js';
import './tables.js';

export { currentSigner, ledgerState, setLedgerState };

export interface LedgerInitOptions {
  keyDir: string;
  /** Used only when the log has no key yet; afterwards the origin is the registered key name. */
  origin?: string;
}

/**
 * Loads the active signing key from keyDir, or — on the very first start of an empty log — generates one,
 * registers its public key and signs the checkpoint of the empty tree. Refuses to start with a different key
 * than the one the log has registered: silently switching keys would make every earlier checkpoint look forged.
 */
export async function initLedger(db: Db, opts: LedgerInitOptions): Promise<LedgerSigner> {
  const active = await activeKey(db);
  if (active) {
    const signer = loadSigner(opts.keyDir, active.name, active.keyHash);
    if (!signer) {
      throw new AppError(
        'unavailable',
        `账本签名私钥缺失：数据库登记的当前密钥为 ${active.verifierKey}，但密钥目录 ${opts.keyDir} 中没有文件 ledger-${active.keyHash}.key。请把该密钥文件复制到此目录（多实例部署须共用同一密钥目录），或按 docs/adr/0003-ledger.md 的步骤轮换密钥。`,
      );
    }
    setLedgerState({ keyDir: opts.keyDir, signer });
    return signer;
  }
  const origin = opts.origin ?? process.env.FAZHI_LEDGER_ORIGIN ?? DEFAULT_LEDGER_ORIGIN;
  const signer = generateSigner(opts.keyDir, origin);
  try {
    await db.transaction().execute(async (trx) => {
      await registerKey(trx, signer);
      await anchorEarlierAuditEvents(trx);
      await recordAudit(trx, systemCtx('ledger-init'), {
        action: 'ledger.key_generated',
        entityKind: 'ledger_key',
        entityId: signer.keyHash,
        data: { keyHash: signer.keyHash, verifierKey: signer.verifierKey },
      });
    });
  } catch (err) {
    // Another instance registered its key first (one active key only): use that one.
    if ((err as { code?: string }).code === '23505') return initLedger(db, opts);
    throw err;
  }
  setLedgerState({ keyDir: opts.keyDir, signer });
  const { writeCheckpoint } = await import('./store.js');
  await db.transaction().execute(async (trx) => {
    const n = await sql<{ n: number }>`select count(*)::int as n from ledger_checkpoints`.execute(trx);
    if (n.rows[0].n === 0) await writeCheckpoint(trx, 0, EMPTY_ROOT, signer);
  });
  return signer;
}

/**
 * Genesis only: audit events written before the log existed (installation, first seed) become its first
 * leaves, in their order. After genesis an audit row without a leaf is a tamper alarm, never backfilled.
 */
async function anchorEarlierAuditEvents(trx: Executor): Promise<void> {
  const { anchorAuditEvent } = await import('./store.js');
  const rows = await sql<{ id: string }>`
    select a.id from audit_events a
    where not exists (select 1 from ledger_entries e where e.record_kind = 'audit_event' and e.record_id = a.id::text)
    order by a.seq`.execute(trx);
  for (const r of rows.rows) await anchorAuditEvent(trx, r.id);
}

/**
 * Key rotation: a new key signs from now on; the old key's validity is closed (its public key stays
 * published, so every earlier checkpoint still verifies), and the current tree size is re-signed by both
 * keys, so a verifier that trusts the old key can pin the new one on the strength of that cosignature.
 */
export async function rotateSigningKey(db: Db, ctx = systemCtx('ledger-rotate')): Promise<LedgerSigner> {
  const { latestCheckpoint, SEQUENCER_LOCK, writeCheckpoint } = await import('./store.js');
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`.execute(trx);
    const old = await currentSigner(trx);
    const next = generateSigner(ledgerState()!.keyDir, old.name);
    await trx
      .updateTable('ledger_keys')
      .set({ valid_until: nowOf(ctx) })
      .where('key_hash', '=', old.keyHash)
      .execute();
    await registerKey(trx, next);
    const head = await latestCheckpoint(trx);
    await writeCheckpoint(trx, head?.treeSize ?? 0, head?.rootHash ?? EMPTY_ROOT, next, [old]);
    await recordAudit(trx, ctx, {
      action: 'ledger.key_rotated',
      entityKind: 'ledger_key',
      entityId: next.keyHash,
      data: { oldKeyHash: old.keyHash, newKeyHash: next.keyHash, verifierKey: next.verifierKey },
    });
    setLedgerState({ keyDir: ledgerState()!.keyDir, signer: next });
    return next;
  });
}
