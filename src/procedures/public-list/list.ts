import { createHash } from 'node:crypto';
import { AppError, conflict } from '../../platform/errors.js';
import type { Trx } from '../../platform/db/engine.js';
import { anchorRecord } from '../../platform/ledger/index.js';
import { canonicalize } from '../../platform/ledger/jcs.js';

/**
 * A versioned public list anchored in the ledger, as a procedure kernel: a list a body must publish and may
 * correct (a decision body's annual catalog of major decisions, 《重大行政决策程序暂行条例》第三条第三款; an
 * issuing body's annual catalog of normative documents; the public data catalogs later). Every version is kept;
 * a new version is a correction of the previous one; each version's content is anchored so anyone can verify
 * that what the portal shows is what was published. The caller keeps its own tables and audit event and calls
 * this inside its own transaction, after locking the list's owner so versions never collide.
 */

/** The SHA-256 of the canonical JSON (RFC 8785) of a version's content: equal content, equal hash. */
export const contentHash = (content: unknown) =>
  createHash('sha256').update(canonicalize(content), 'utf8').digest('hex');

export interface PriorVersion {
  version: number;
  contentHash: string | null;
}

/**
 * The next version of a list: 1 for the first publication. A republication identical to the published version is
 * refused (409: nothing to correct); when `correction` asks for it, a republication needs a reason of at least
 * four characters (422 naming `reason`).
 */
export function nextVersion(p: {
  prev: PriorVersion | undefined;
  content: unknown;
  /** The list's name in messages, e.g. '示例区2025年度目录'. */
  label: string;
  reason?: string | null;
  /** The list's own content hash when it compares versions by part of the content (default `contentHash`). */
  hash?: string;
  correction?: { requireReason: boolean; refuseUnchanged: boolean };
}): { version: number; contentHash: string; reason: string | null } {
  const hash = p.hash ?? contentHash(p.content);
  const reason = p.reason?.trim() || null;
  const rules = p.correction ?? { requireReason: true, refuseUnchanged: true };
  if (p.prev && rules.refuseUnchanged && p.prev.contentHash === hash)
    throw conflict(`${p.label}与已公布的第${p.prev.version}版内容相同，无需重新公布。`, { version: p.prev.version });
  if (p.prev && rules.requireReason && (!reason || reason.length < 4))
    throw new AppError(
      'unprocessable',
      `${p.label}已公布第${p.prev.version}版。重新公布属于更正，请在“更正理由”中说明原因（至少 4 个字）。`,
      { field: 'reason', version: p.prev.version },
    );
  return { version: (p.prev?.version ?? 0) + 1, contentHash: hash, reason };
}

/** Anchors one version's content in the ledger under `<listId>:v<version>` (the record source re-derives it). */
export async function anchorVersion(
  trx: Trx,
  p: { recordKind: string; listId: string; version: number; content: Record<string, unknown> },
): Promise<{ leafHash: string; recordId: string }> {
  const recordId = `${p.listId}:v${p.version}`;
  const anchored = await anchorRecord(trx, { recordKind: p.recordKind, recordId, content: p.content });
  return { leafHash: anchored.leafHash, recordId };
}
