import type { Executor } from '../db/engine.js';
import { AppError } from '../errors.js';
import { activeKey, type LedgerSigner, loadSigner } from './keys.js';

/**
 * The process's signing key. Set once by initLedger; every server instance points keyDir at the same key
 * files, so whichever instance holds the sequencer lock can sign.
 */
let state: { keyDir: string; signer: LedgerSigner } | null = null;

/** The signer for this transaction; follows a rotation made by another instance (shared keyDir). */
export async function currentSigner(ex: Executor): Promise<LedgerSigner> {
  if (!state) throw new AppError('unavailable', '账本尚未初始化（签名密钥未加载），请稍后重试。');
  const active = await activeKey(ex);
  if (!active)
    throw new AppError('unavailable', '账本没有有效的签名密钥，请按 docs/adr/0003-ledger.md 生成或轮换密钥。');
  if (active.keyHash !== state.signer.keyHash) {
    const signer = loadSigner(state.keyDir, active.name, active.keyHash);
    if (!signer)
      throw new AppError('unavailable', `本实例的密钥目录中没有当前签名密钥 ${active.keyHash}，请同步密钥目录。`);
    state = { ...state, signer };
  }
  return state.signer;
}

export function ledgerState(): { keyDir: string; signer: LedgerSigner } | null {
  return state;
}

export function setLedgerState(next: { keyDir: string; signer: LedgerSigner }): void {
  state = next;
}
